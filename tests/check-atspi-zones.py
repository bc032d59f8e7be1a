#!/usr/bin/python3
# Checks the face chart as a screen-reader user meets it, through AT-SPI:
# every zone of the catalogue is reachable by its name, and pressing one
# selects it in the widget. Usage: check-atspi-zones.py PROGRAM ZONES.XML
import os
import subprocess
import sys
import time
import xml.etree.ElementTree

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP pyatspi is not installed")
    sys.exit(0)

if not os.environ.get("DISPLAY"):
    print("1..0 # SKIP no display")
    sys.exit(0)

program, zones_xml = sys.argv[1], sys.argv[2]

# The English names of the zones, straight from the catalogue.
names = [zone.find("name").text.strip()
         for zone in xml.etree.ElementTree.parse(zones_xml).getroot().iter("zone")]
assert len(names) >= 18, names

env = dict(os.environ, GTK_A11Y="atspi", LANGUAGE="en", LC_ALL="C.UTF-8")
child = subprocess.Popen([program], stdout=subprocess.PIPE, text=True, env=env)
status = 1
try:
    assert child.stdout.readline().strip() == "ready"

    def find_app():
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.get_process_id() == child.pid:
                return app
        return None

    def buttons(node, found, depth=0):
        if node is None or depth > 40:
            return found
        try:
            role = node.getRole()
            name = node.name
        except Exception:
            return found
        if role in (pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON) and name:
            found[name] = node
        for i in range(node.childCount):
            buttons(node.getChildAtIndex(i), found, depth + 1)
        return found

    deadline = time.monotonic() + 20
    found = {}
    while time.monotonic() < deadline:
        app = find_app()
        found = buttons(app, {}) if app is not None else {}
        if all(name in found for name in names):
            break
        time.sleep(0.2)

    print("1..2")
    missing = [name for name in names if name not in found]
    if missing:
        print(f"not ok 1 every zone is reachable by name # missing: {missing}")
        sys.exit(1)
    print(f"ok 1 every zone is reachable by name ({len(names)} zones)")

    toggle = found["Left cheek"]
    action = toggle.queryAction()
    index = next(i for i in range(action.nActions) if action.getName(i) in ("click", "press"))
    action.doAction(index)
    line = child.stdout.readline().strip()
    if line != "selected: cheek-left":
        print(f"not ok 2 pressing “Left cheek” selects it # the widget said {line!r}")
        sys.exit(1)
    print("ok 2 pressing “Left cheek” selects it")
    status = 0
finally:
    child.terminate()
    child.wait(timeout=10)
sys.exit(status)
