/* dc-patient-page.c: one patient: an overview (who, skin type, cautions,
 * side effects that need a follow-up, session history) and a details view
 * where every field is edited in place and saved shortly after each
 * change. */

#include "config.h"

#include "dc-patient-page.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "dc-birth-date-row.h"
#include "dc-date-row.h"
#include "dc-flags-group.h"
#include "dc-gui-util.h"
#include "dc-history-window.h"
#include "dc-photo-compare.h"
#include "dc-report-window.h"
#include "dc-session-row.h"
#include "dc-store.h"

struct _DcPatientPage
{
  AdwBin                parent_instance;

  AdwHeaderBar         *header_bar;
  GtkWidget            *back_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkLabel             *save_label;
  AdwViewStack         *view_stack;

  AdwAvatar            *avatar;
  GtkLabel             *name_label;
  GtkLabel             *details_label;
  GtkLabel             *fitzpatrick_label;
  GtkLabel             *pih_label;
  GtkWidget            *cautions_group;
  GtkListBox           *cautions_list;
  GtkWidget            *follow_up_group;
  GtkListBox           *follow_up_list;
  GtkListBox           *sessions_list;

  GtkWidget            *error_group;
  GtkLabel             *error_label;
  AdwEntryRow          *family_name_row;
  AdwEntryRow          *given_name_row;
  DcBirthDateRow       *birth_date_row;
  AdwComboRow          *sex_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *phone_row;
  AdwComboRow          *language_row;
  AdwComboRow          *fitzpatrick_row;
  DcFlagsGroup         *medical_group;
  DcDateRow            *isotretinoin_row;
  AdwEntryRow          *allergies_row;
  DcFlagsGroup         *consent_group;
  GtkTextView          *notes_view;

  DcStore              *store;
  DcRecordSaver        *saver;
  GListModel           *practitioners;
  DcPatient            *patient;
  GBindingGroup        *bindings;
  GSignalGroup         *patient_signals;
  GListStore           *sessions;
  GHashTable           *hidden_sessions;    /* row ids (gint64 *) left out of the history */
  GListModel           *side_effects;       /* of all the patient's sessions, once loaded */
  GCancellable         *sessions_cancellable;
  gboolean              folded;
};

G_DEFINE_FINAL_TYPE (DcPatientPage, dc_patient_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

enum {
  SESSION_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
add_caution (DcPatientPage *self,
             const char    *title,
             const char    *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_add_css_class (icon, "warning");
  /* The subtitle may be the patient's own words (allergies). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (self->cautions_list, row);
}

/* Contraindications and cautions are listed on the overview, where nobody
 * can miss them before starting a session. */
static void
update_cautions (DcPatientPage *self)
{
  DcMedicalFlags flags = dc_patient_get_medical_flags (self->patient);
  const char *allergies = dc_patient_get_allergies (self->patient);
  const char *isotretinoin = dc_patient_get_isotretinoin_last_dose (self->patient);
  GtkWidget *child;
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cautions_list))) != NULL)
    gtk_list_box_remove (self->cautions_list, child);

  for (guint bit = 1; bit != 0 && bit <= flags; bit <<= 1)
    if ((flags & bit) != 0)
      {
        add_caution (self, dc_flag_get_label (DC_TYPE_MEDICAL_FLAGS, bit), NULL);
        any = TRUE;
      }

  if (isotretinoin != NULL)
    {
      g_autofree char *date = dc_gui_format_date (isotretinoin);
      g_autofree char *subtitle = NULL;

      /* Translators: %s is a date */
      subtitle = g_strdup_printf (_("Last dose on %s"), date != NULL ? date : isotretinoin);
      add_caution (self, _("Isotretinoin"), subtitle);
      any = TRUE;
    }

  if (allergies != NULL)
    {
      add_caution (self, _("Allergies"), allergies);
      any = TRUE;
    }

  gtk_widget_set_visible (self->cautions_group, any);
}

static void
update_summary (DcPatientPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *birth = NULL;
  g_autofree char *details = NULL;
  int fitzpatrick;
  int age;

  if (self->patient == NULL)
    return;

  name = dc_gui_dup_full_name (self->patient);
  gtk_label_set_label (self->name_label, name);
  adw_avatar_set_text (self->avatar, name);
  adw_view_switcher_title_set_title (self->switcher_title, name);

  birth = dc_gui_format_date (dc_patient_get_birth_date (self->patient));
  age = dc_gui_get_age (dc_patient_get_birth_date (self->patient));
  if (birth != NULL && age >= 0)
    {
      g_autofree char *age_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year",
                                                                "%d years", age),
                                                   age);

      /* Translators: date of birth, age and sex: "Born 07/03/1984 · 42 years · Female" */
      details = g_strdup_printf (_("Born %s · %s · %s"), birth, age_text,
                                 dc_enum_get_label (DC_TYPE_SEX,
                                                    dc_patient_get_sex (self->patient)));
    }
  else
    details = g_strdup (dc_enum_get_label (DC_TYPE_SEX, dc_patient_get_sex (self->patient)));
  gtk_label_set_label (self->details_label, details);

  fitzpatrick = dc_patient_get_fitzpatrick (self->patient);
  if (fitzpatrick > 0)
    {
      g_autofree char *tag = NULL;

      /* Translators: %s is a skin type in Roman numerals, "Fitzpatrick IV" */
      tag = g_strdup_printf (_("Fitzpatrick %s"), dc_fitzpatrick_to_roman (fitzpatrick));
      gtk_label_set_label (self->fitzpatrick_label, tag);
    }
  else
    gtk_label_set_label (self->fitzpatrick_label, _("Skin type not assessed"));

  /* Types IV to VI scar with hyperpigmentation more easily. */
  if (fitzpatrick >= 4)
    gtk_widget_add_css_class (GTK_WIDGET (self->fitzpatrick_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->fitzpatrick_label), "warning");
  gtk_widget_set_visible (GTK_WIDGET (self->pih_label), fitzpatrick >= 4);

  update_cautions (self);
}

static void
patient_notify_cb (DcPatientPage *self)
{
  update_summary (self);
}

static void
saver_state_changed_cb (DcPatientPage *self)
{
  const GError *error = dc_record_saver_get_error (self->saver);
  gboolean busy = dc_record_saver_get_busy (self->saver);

  dc_gui_update_save_label (self->save_label, busy, error);

  gtk_widget_set_visible (self->error_group, error != NULL && !busy);
  if (error != NULL)
    gtk_label_set_label (self->error_label, error->message);
}

static void
saver_failed_cb (DcPatientPage *self,
                 DcRecord      *record,
                 const GError  *error)
{
  /* Invalid values are explained on the page itself; a store that cannot
   * write is worth interrupting for. */
  if (!g_error_matches (error, DC_ERROR, DC_ERROR_INVALID))
    dc_gui_show_error (GTK_WIDGET (self), error);
}

/* Follow-up ---------------------------------------------------------------- */

/* "5 days, usual up to 3 days", "Not resolved after 9 days, not a usual
 * effect". */
static char *
dup_duration_text (DcSideEffect *effect,
                   const char   *today)
{
  int days = dc_side_effect_get_days (effect, today);
  int usual = dc_side_effect_get_usual_days (effect);
  g_autofree char *lasted = NULL;
  g_autofree char *usually = NULL;

  if (dc_side_effect_get_resolved (effect) != NULL)
    lasted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
  else
    lasted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not resolved after %d day",
                                           "Not resolved after %d days", days),
                              days);

  if (usual > 0)
    usually = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "usual up to %d day",
                                            "usual up to %d days", usual),
                               usual);
  else
    /* Translators: of a side effect such as an infection, "4 days, not a
     * usual effect" */
    usually = g_strdup (_("not a usual effect"));

  /* Translators: how long a side effect lasted, and how long such effects
   * usually last: "5 days, usual up to 3 days" */
  return g_strdup_printf (C_("side effect duration", "%s, %s"), lasted, usually);
}

static GtkWidget *
new_follow_up_row (DcSession    *session,
                   DcSideEffect *effect,
                   const char   *today)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autoptr(GDateTime) started = dc_gui_timestamp_to_local (dc_session_get_started_at (session));
  g_autofree char *day = started != NULL ? dc_gui_format_day (started) : g_strdup ("");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = dup_duration_text (effect, today);

  /* Translators: a side effect and the session it followed, "Swelling
   * after the session of 3 March" */
  title = g_strdup_printf (_("%s after the session of %s"),
                           dc_enum_get_label (DC_TYPE_SIDE_EFFECT_KIND,
                                              dc_side_effect_get_kind (effect)),
                           day);

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_add_css_class (arrow, "dim-label");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (row, "warning-subtitle");
  g_object_set_data_full (G_OBJECT (row), "dc-session", g_object_ref (session), g_object_unref);

  return row;
}

/* Side effects of the sessions shown that lasted, or have lasted so far,
 * longer than usual, newest session first. */
static void
update_follow_ups (DcPatientPage *self)
{
  g_autofree char *today = dc_date_today ();
  GListModel *sessions = G_LIST_MODEL (self->sessions);
  guint n_sessions = g_list_model_get_n_items (sessions);
  guint n_effects = self->side_effects != NULL ? g_list_model_get_n_items (self->side_effects) : 0;
  GtkWidget *child;
  gboolean any = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->follow_up_list))) != NULL)
    gtk_list_box_remove (self->follow_up_list, child);

  for (guint i = 0; i < n_sessions; i++)
    {
      g_autoptr(DcSession) session = g_list_model_get_item (sessions, i);
      gint64 session_id = dc_record_get_id (DC_RECORD (session));

      for (guint j = 0; j < n_effects; j++)
        {
          g_autoptr(DcSideEffect) effect = g_list_model_get_item (self->side_effects, j);

          if (dc_side_effect_get_session_id (effect) != session_id
              || !dc_side_effect_is_longer_than_usual (effect, today))
            continue;

          gtk_list_box_append (self->follow_up_list, new_follow_up_row (session, effect, today));
          any = TRUE;
        }
    }

  gtk_widget_set_visible (self->follow_up_group, any);
}

static void
follow_up_activated_cb (DcPatientPage *self,
                        GtkListBoxRow *row)
{
  DcSession *session = g_object_get_data (G_OBJECT (row), "dc-session");

  g_signal_emit (self, signals[SESSION_ACTIVATED], 0, session);
}

/* The side effects of a patient's sessions, read on the store's worker. */
typedef struct
{
  DcPatientPage *page;
  GArray        *session_ids;   /* gint64 */
  GListStore    *side_effects;
} EffectsJob;

static void
effects_job_clear (EffectsJob *job)
{
  g_clear_object (&job->page);
  g_clear_pointer (&job->session_ids, g_array_unref);
  g_clear_object (&job->side_effects);
}

static void
effects_job_release (gpointer job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) effects_job_clear);
}

static gboolean
list_side_effects_func (DcStore       *store,
                        gpointer       data,
                        GCancellable  *cancellable,
                        GError       **error)
{
  EffectsJob *job = data;

  for (guint i = 0; i < job->session_ids->len; i++)
    {
      g_autoptr(GListModel) effects = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      effects = dc_store_list (store, DC_TYPE_SIDE_EFFECT,
                               g_array_index (job->session_ids, gint64, i), error);
      if (effects == NULL)
        return FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (effects); j++)
        {
          g_autoptr(DcSideEffect) effect = g_list_model_get_item (effects, j);

          g_list_store_append (job->side_effects, effect);
        }
    }

  return TRUE;
}

static void
list_side_effects_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  EffectsJob *job = user_data;
  DcPatientPage *self = job->page;
  g_autoptr(GError) error = NULL;

  if (!dc_store_run_finish (DC_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        dc_gui_show_error (GTK_WIDGET (self), error);
    }
  else
    {
      g_set_object (&self->side_effects, G_LIST_MODEL (job->side_effects));
      update_follow_ups (self);
    }

  effects_job_release (job);
}

/* Loads the side effects of @sessions, superseded like the sessions are. */
static void
load_side_effects (DcPatientPage *self,
                   GListModel    *sessions)
{
  EffectsJob *job = g_atomic_rc_box_new0 (EffectsJob);
  guint n_items = g_list_model_get_n_items (sessions);

  job->page = g_object_ref (self);
  job->session_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_items);
  job->side_effects = g_list_store_new (DC_TYPE_SIDE_EFFECT);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcRecord) session = g_list_model_get_item (sessions, i);
      gint64 id = dc_record_get_id (session);

      g_array_append_val (job->session_ids, id);
    }

  dc_store_run_async (self->store, list_side_effects_func, g_atomic_rc_box_acquire (job),
                      effects_job_release, self->sessions_cancellable, list_side_effects_cb,
                      job);
}

/* Sessions ----------------------------------------------------------------- */

static GtkWidget *
create_session_row (gpointer item,
                    gpointer user_data)
{
  DcPatientPage *self = user_data;
  DcSession *session = item;
  g_autoptr(DcSession) previous = NULL;
  g_autoptr(DcPractitioner) practitioner = NULL;
  guint position;

  /* Newest first: the previous session is the next item. */
  if (g_list_store_find (self->sessions, session, &position))
    previous = g_list_model_get_item (G_LIST_MODEL (self->sessions), position + 1);

  practitioner = dc_gui_find_record (self->practitioners,
                                     dc_session_get_practitioner_id (session));

  return dc_session_row_new (session,
                             practitioner != NULL ? dc_practitioner_get_name (practitioner) : NULL,
                             previous);
}

static void
session_row_activated_cb (DcPatientPage *self,
                          GtkListBoxRow *row)
{
  g_signal_emit (self, signals[SESSION_ACTIVATED], 0,
                 dc_session_row_get_session (DC_SESSION_ROW (row)));
}

/* Replaces all rows at once: each row's interval depends on its neighbour.
 * Sessions whose deletion can still be undone are left out, whenever the
 * list was asked for. */
static void
set_sessions (DcPatientPage *self,
              GListModel    *sessions)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = sessions != NULL ? g_list_model_get_n_items (sessions) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DcSession) session = g_list_model_get_item (sessions, i);
      gint64 id = dc_record_get_id (DC_RECORD (session));

      if (!g_hash_table_contains (self->hidden_sessions, &id))
        g_ptr_array_add (items, g_steal_pointer (&session));
    }

  g_list_store_splice (self->sessions, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sessions)),
                       items->pdata, items->len);
  update_follow_ups (self);
}

static void
list_sessions_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  DcPatientPage *self = user_data;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GError) error = NULL;

  /* Superseded, or the page is gone: nothing of it may be touched. */
  sessions = dc_store_list_finish (DC_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (sessions == NULL)
    {
      dc_gui_show_error (GTK_WIDGET (self), error);
      return;
    }

  set_sessions (self, sessions);
  load_side_effects (self, sessions);
}

static void
notes_changed_cb (DcPatientPage *self)
{
  g_autofree char *text = NULL;

  if (self->patient == NULL)
    return;

  g_object_get (gtk_text_view_get_buffer (self->notes_view), "text", &text, NULL);
  dc_patient_set_notes (self->patient, text);
}

static void
dc_patient_page_dispose (GObject *object)
{
  DcPatientPage *self = DC_PATIENT_PAGE (object);

  g_cancellable_cancel (self->sessions_cancellable);
  g_clear_object (&self->sessions_cancellable);
  if (self->saver != NULL)
    dc_record_saver_flush (self->saver);
  if (self->bindings != NULL)
    g_binding_group_set_source (self->bindings, NULL);
  if (self->patient_signals != NULL)
    g_signal_group_set_target (self->patient_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), DC_TYPE_PATIENT_PAGE);

  g_clear_object (&self->bindings);
  g_clear_object (&self->patient_signals);
  g_clear_object (&self->sessions);
  g_clear_pointer (&self->hidden_sessions, g_hash_table_unref);
  g_clear_object (&self->side_effects);
  g_clear_object (&self->patient);
  g_clear_object (&self->practitioners);
  g_clear_object (&self->saver);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dc_patient_page_parent_class)->dispose (object);
}

static void
dc_patient_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DcPatientPage *self = DC_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dc_patient_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DcPatientPage *self = DC_PATIENT_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The whole course, as the patient can take it home. */
static void
timeline_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DcPatientPage *self = DC_PATIENT_PAGE (widget);
  GtkWidget *window;

  if (self->store == NULL || self->patient == NULL
      || dc_record_get_id (DC_RECORD (self->patient)) == 0)
    return;

  window = dc_report_window_new_timeline (GTK_WINDOW (gtk_widget_get_root (widget)),
                                          self->store, self->patient);
  gtk_window_present (GTK_WINDOW (window));
}

/* Who changed what in the record, and when. */
static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DcPatientPage *self = DC_PATIENT_PAGE (widget);
  GtkWidget *window;

  if (self->store == NULL || self->patient == NULL
      || dc_record_get_id (DC_RECORD (self->patient)) == 0)
    return;

  window = dc_history_window_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                  self->patient);
  gtk_window_present (GTK_WINDOW (window));
}

/* The same view from two sessions, side by side. */
static void
compare_photos_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DcPatientPage *self = DC_PATIENT_PAGE (widget);
  GtkWidget *window;

  if (self->store == NULL || self->patient == NULL
      || dc_record_get_id (DC_RECORD (self->patient)) == 0)
    return;

  window = dc_photo_compare_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                                 self->patient);
  gtk_window_present (GTK_WINDOW (window));
}

static void
dc_patient_page_class_init (DcPatientPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dc_patient_page_dispose;
  object_class->get_property = dc_patient_page_get_property;
  object_class->set_property = dc_patient_page_set_property;

  /**
   * DcPatientPage:folded:
   *
   * Whether the window shows this page without the patient list beside
   * it, so the page offers a way back to the list.
   */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SESSION_ACTIVATED] =
    g_signal_new ("session-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, DC_TYPE_SESSION);

  g_type_ensure (DC_TYPE_BIRTH_DATE_ROW);
  g_type_ensure (DC_TYPE_DATE_ROW);
  g_type_ensure (DC_TYPE_FLAGS_GROUP);
  g_type_ensure (DC_TYPE_MEDICAL_FLAGS);
  g_type_ensure (DC_TYPE_CONSENT_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/dc-patient-page.ui");
  gtk_widget_class_install_action (widget_class, "patient.compare-photos", NULL,
                                   compare_photos_action);
  gtk_widget_class_install_action (widget_class, "patient.timeline", NULL, timeline_action);
  gtk_widget_class_install_action (widget_class, "patient.history", NULL, history_action);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, save_label);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, details_label);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, fitzpatrick_label);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, pih_label);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, cautions_group);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, cautions_list);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, follow_up_group);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, follow_up_list);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, error_group);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, family_name_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, given_name_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, birth_date_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, sex_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, fitzpatrick_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, medical_group);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, isotretinoin_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, allergies_row);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, consent_group);
  gtk_widget_class_bind_template_child (widget_class, DcPatientPage, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, session_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, follow_up_activated_cb);
}

static void
setup_bindings (DcPatientPage *self)
{
  GBindingFlags flags = G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE;

  self->bindings = g_binding_group_new ();

  g_binding_group_bind_full (self->bindings, "family-name", self->family_name_row, "text", flags,
                             dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "given-name", self->given_name_row, "text", flags,
                             dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_binding_group_bind (self->bindings, "birth-date", self->birth_date_row, "date", flags);
  g_binding_group_bind_full (self->bindings, "sex", self->sex_row, "selected", flags,
                             dc_gui_transform_to_position, dc_gui_transform_from_position,
                             NULL, NULL);
  g_binding_group_bind_full (self->bindings, "email", self->email_row, "text", flags,
                             dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "phone", self->phone_row, "text", flags,
                             dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "language", self->language_row, "selected", flags,
                             dc_gui_transform_language_to_position,
                             dc_gui_transform_position_to_language, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "fitzpatrick", self->fitzpatrick_row, "selected",
                             flags, dc_gui_transform_to_position, dc_gui_transform_from_position,
                             NULL, NULL);
  g_binding_group_bind_full (self->bindings, "medical-flags", self->medical_group, "value", flags,
                             dc_flags_group_transform_to_value,
                             dc_flags_group_transform_from_value, NULL, NULL);
  g_binding_group_bind (self->bindings, "isotretinoin-last-dose", self->isotretinoin_row, "date",
                        flags);
  g_binding_group_bind_full (self->bindings, "allergies", self->allergies_row, "text", flags,
                             dc_gui_transform_string_to_text, NULL, NULL, NULL);
  g_binding_group_bind_full (self->bindings, "consent", self->consent_group, "value", flags,
                             dc_flags_group_transform_to_value,
                             dc_flags_group_transform_from_value, NULL, NULL);
}

static void
dc_patient_page_init (DcPatientPage *self)
{
  g_autoptr(GListModel) sex_model = dc_gui_new_sex_model ();
  g_autoptr(GListModel) fitzpatrick_model = dc_gui_new_fitzpatrick_model ();
  g_autoptr(GListModel) language_model = dc_gui_new_language_model ();

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->sex_row, sex_model);
  adw_combo_row_set_model (self->fitzpatrick_row, fitzpatrick_model);
  adw_combo_row_set_model (self->language_row, language_model);

  g_object_bind_property (self, "folded", self->back_button, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "folded", self->header_bar, "show-start-title-buttons",
                          G_BINDING_SYNC_CREATE);

  setup_bindings (self);

  self->patient_signals = g_signal_group_new (DC_TYPE_PATIENT);
  g_signal_group_connect_swapped (self->patient_signals, "notify",
                                  G_CALLBACK (patient_notify_cb), self);

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);

  self->sessions = g_list_store_new (DC_TYPE_SESSION);
  self->hidden_sessions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_list_box_bind_model (self->sessions_list, G_LIST_MODEL (self->sessions),
                           create_session_row, self, NULL);
}

void
dc_patient_page_set_store (DcPatientPage *self,
                           DcStore       *store)
{
  g_return_if_fail (DC_IS_PATIENT_PAGE (self));
  g_return_if_fail (DC_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->saver = dc_record_saver_new (store);
  g_signal_connect_object (self->saver, "notify::busy",
                           G_CALLBACK (saver_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->saver, "notify::error",
                           G_CALLBACK (saver_state_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->saver, "failed",
                           G_CALLBACK (saver_failed_cb), self, G_CONNECT_SWAPPED);
}

/* The clinic's practitioners, for naming who ran each session. */
void
dc_patient_page_set_practitioners (DcPatientPage *self,
                                   GListModel    *practitioners)
{
  g_return_if_fail (DC_IS_PATIENT_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (practitioners));

  g_set_object (&self->practitioners, practitioners);
}

DcPatient *
dc_patient_page_get_patient (DcPatientPage *self)
{
  g_return_val_if_fail (DC_IS_PATIENT_PAGE (self), NULL);

  return self->patient;
}

void
dc_patient_page_set_patient (DcPatientPage *self,
                             DcPatient     *patient)
{
  GtkTextBuffer *buffer;
  const char *notes;

  g_return_if_fail (DC_IS_PATIENT_PAGE (self));
  g_return_if_fail (patient == NULL || DC_IS_PATIENT (patient));
  g_return_if_fail (self->saver != NULL);

  if (self->patient == patient)
    return;

  if (self->patient != NULL)
    dc_record_saver_remove (self->saver, DC_RECORD (self->patient));

  /* Detach the old patient before the widgets show the new one, or the
   * bindings would write the new values into the old record. */
  g_binding_group_set_source (self->bindings, NULL);
  g_signal_group_set_target (self->patient_signals, NULL);
  g_set_object (&self->patient, patient);
  g_clear_object (&self->side_effects);
  set_sessions (self, NULL);

  if (patient == NULL)
    return;

  buffer = gtk_text_view_get_buffer (self->notes_view);
  notes = dc_patient_get_notes (patient);
  gtk_text_buffer_set_text (buffer, notes != NULL ? notes : "", -1);

  g_binding_group_set_source (self->bindings, patient);
  g_signal_group_set_target (self->patient_signals, patient);
  dc_record_saver_add (self->saver, DC_RECORD (patient));

  gtk_widget_set_visible (GTK_WIDGET (self->save_label), FALSE);
  gtk_widget_set_visible (self->error_group, FALSE);
  adw_view_stack_set_visible_child_name (self->view_stack, "overview");
  update_summary (self);
  dc_patient_page_reload_sessions (self);
}

DcRecordSaver *
dc_patient_page_get_saver (DcPatientPage *self)
{
  g_return_val_if_fail (DC_IS_PATIENT_PAGE (self), NULL);

  return self->saver;
}

void
dc_patient_page_reload_sessions (DcPatientPage *self)
{
  g_return_if_fail (DC_IS_PATIENT_PAGE (self));

  g_cancellable_cancel (self->sessions_cancellable);
  g_clear_object (&self->sessions_cancellable);

  if (self->patient == NULL || dc_record_get_id (DC_RECORD (self->patient)) == 0)
    return;

  self->sessions_cancellable = g_cancellable_new ();
  dc_store_list_async (self->store, DC_TYPE_SESSION, dc_record_get_id (DC_RECORD (self->patient)),
                       self->sessions_cancellable, list_sessions_cb, self);
}

/* Returns: (transfer none): the sessions the history shows, newest first */
GListModel *
dc_patient_page_get_sessions (DcPatientPage *self)
{
  g_return_val_if_fail (DC_IS_PATIENT_PAGE (self), NULL);

  return G_LIST_MODEL (self->sessions);
}

/* Shows the details view, where invalid values are marked. */
void
dc_patient_page_show_details (DcPatientPage *self)
{
  g_return_if_fail (DC_IS_PATIENT_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "details");
}

/* Takes a session out of the history while its deletion can be undone,
 * including from lists loaded meanwhile. */
void
dc_patient_page_hide_session (DcPatientPage *self,
                              DcSession     *session)
{
  g_autoptr(GListStore) shown = NULL;
  gint64 id;

  g_return_if_fail (DC_IS_PATIENT_PAGE (self));
  g_return_if_fail (DC_IS_SESSION (session));

  id = dc_record_get_id (DC_RECORD (session));
  g_return_if_fail (id != 0);

  g_hash_table_add (self->hidden_sessions, g_memdup2 (&id, sizeof id));

  /* A copy: set_sessions() replaces the items of self->sessions. */
  shown = g_list_store_new (DC_TYPE_SESSION);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sessions)); i++)
    {
      g_autoptr(DcSession) item = g_list_model_get_item (G_LIST_MODEL (self->sessions), i);

      g_list_store_append (shown, item);
    }
  set_sessions (self, G_LIST_MODEL (shown));
}

/* Puts a hidden session back into the history: its deletion was undone or
 * failed. After it succeeded, the history simply no longer has it. */
void
dc_patient_page_unhide_session (DcPatientPage *self,
                                DcSession     *session)
{
  gint64 id;

  g_return_if_fail (DC_IS_PATIENT_PAGE (self));
  g_return_if_fail (DC_IS_SESSION (session));

  id = dc_record_get_id (DC_RECORD (session));
  if (g_hash_table_remove (self->hidden_sessions, &id))
    dc_patient_page_reload_sessions (self);
}
