/* dc-tar.h: the POSIX ustar archives backups are made of, so that any
 * `tar tf` can list one. Only what backups need: plain files of up to
 * 8 GiB, written once, read in one pass, and read strictly — a header
 * whose checksum is wrong, an archive that ends early or holds anything
 * but plain files is refused (DC_ERROR_CORRUPT). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define DC_TAR_BLOCK_SIZE 512

typedef struct _DcTarWriter DcTarWriter;
typedef struct _DcTarReader DcTarReader;

/* Called as bytes go into or come out of the archive. */
typedef void (*DcTarProgressFunc) (guint64   n_bytes,
                                   gpointer  user_data);

DcTarWriter *dc_tar_writer_new          (int                 fd,
                                         gint64              mtime);
void         dc_tar_writer_set_progress (DcTarWriter        *self,
                                         DcTarProgressFunc   func,
                                         gpointer            user_data);
gboolean     dc_tar_writer_add_file     (DcTarWriter        *self,
                                         const char         *name,
                                         const char         *path,
                                         char              **sha256,
                                         guint64            *size,
                                         GCancellable       *cancellable,
                                         GError            **error);
gboolean     dc_tar_writer_add_data     (DcTarWriter        *self,
                                         const char         *name,
                                         const void         *data,
                                         gsize               length,
                                         GError            **error);
gboolean     dc_tar_writer_finish       (DcTarWriter        *self,
                                         GError            **error);
void         dc_tar_writer_free         (DcTarWriter        *self);

DcTarReader *dc_tar_reader_new          (int                 fd);
void         dc_tar_reader_set_progress (DcTarReader        *self,
                                         DcTarProgressFunc   func,
                                         gpointer            user_data);
gboolean     dc_tar_reader_next         (DcTarReader        *self,
                                         char              **name,
                                         guint64            *size,
                                         GError            **error);
gssize       dc_tar_reader_read         (DcTarReader        *self,
                                         void               *buffer,
                                         gsize               count,
                                         GError            **error);
gboolean     dc_tar_reader_skip         (DcTarReader        *self,
                                         GError            **error);
gboolean     dc_tar_reader_is_truncated (DcTarReader        *self);
void         dc_tar_reader_free         (DcTarReader        *self);

gboolean     dc_write_all               (int                 fd,
                                         const void         *data,
                                         gsize               length,
                                         GError            **error);
gboolean     dc_set_io_error            (GError            **error,
                                         int                 saved_errno);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcTarWriter, dc_tar_writer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcTarReader, dc_tar_reader_free)

G_END_DECLS
