/* dc-safety-dialog.c: the safety warnings of a session, to acknowledge.
 *
 * An AdwMessageDialog listing each warning (dc_safety_check()) with a
 * check box. Its "confirm" response is enabled once every warning is
 * ticked: the practitioner has considered each one, and that is what the
 * acknowledgement records. "cancel" goes back without doing anything.
 * With no warnings it is a plain confirmation. */

#include "config.h"

#include "dc-safety-dialog.h"

#include <glib/gi18n-lib.h>

#include "dc-safety.h"

typedef struct
{
  AdwMessageDialog *dialog;
  GPtrArray        *checks;   /* GtkCheckButton, borrowed */
} Acknowledging;

static void
acknowledging_free (Acknowledging *state)
{
  g_ptr_array_unref (state->checks);
  g_free (state);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  Acknowledging  *state)
{
  gboolean all = TRUE;

  for (guint i = 0; i < state->checks->len; i++)
    all &= gtk_check_button_get_active (g_ptr_array_index (state->checks, i));
  adw_message_dialog_set_response_enabled (state->dialog, "confirm", all);
}

/**
 * dc_safety_dialog_new:
 * @warnings: (element-type DcSafetyWarning): what to acknowledge; may be
 *   empty
 * @confirm_label: the label of the "confirm" response, with a mnemonic
 *
 * Returns: (transfer floating): the dialog, with "cancel" and "confirm"
 *   responses; present it and connect to #AdwMessageDialog::response
 */
GtkWidget *
dc_safety_dialog_new (GtkWindow  *parent,
                      const char *heading,
                      const char *body,
                      GPtrArray  *warnings,
                      const char *confirm_label)
{
  AdwMessageDialog *dialog;
  Acknowledging *state;
  GtkWidget *list;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "confirm", confirm_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "confirm", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  if (warnings == NULL || warnings->len == 0)
    return GTK_WIDGET (dialog);

  state = g_new0 (Acknowledging, 1);
  state->dialog = dialog;
  state->checks = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (dialog), "dc-acknowledging", state,
                          (GDestroyNotify) acknowledging_free);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  for (guint i = 0; i < warnings->len; i++)
    {
      DcSafetyWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), warning->body);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, warning->title, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (GTK_LIST_BOX (list), row);

      g_ptr_array_add (state->checks, check);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), state);
    }

  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_set_response_enabled (dialog, "confirm", FALSE);

  return GTK_WIDGET (dialog);
}
