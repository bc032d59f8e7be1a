/* dc-face-render-cache.h: the face diagram drawn again and again on screen,
 * with what does not change from frame to frame kept as pixels. */
#pragma once

#include "dc-face-renderer.h"

G_BEGIN_DECLS

typedef struct _DcFaceRenderCache DcFaceRenderCache;

DcFaceRenderCache *dc_face_render_cache_new    (void);
void               dc_face_render_cache_free   (DcFaceRenderCache         *cache);
void               dc_face_render_cache_clear  (DcFaceRenderCache         *cache);
gboolean           dc_face_render_cache_update (DcFaceRenderCache         *cache,
                                                DcZoneCatalogue           *catalogue,
                                                const DcFaceRenderOptions *options,
                                                double                     width,
                                                double                     height,
                                                int                        scale);
guint              dc_face_render_cache_get_serial
                                               (DcFaceRenderCache         *cache);
void               dc_face_render_cache_paint  (DcFaceRenderCache         *cache,
                                                cairo_t                   *cr,
                                                DcFaceLayers               layer);
void               dc_face_render_cached       (cairo_t                   *cr,
                                                DcFaceRenderCache         *cache,
                                                DcZoneCatalogue           *catalogue,
                                                const DcFaceRenderOptions *options,
                                                double                     width,
                                                double                     height,
                                                int                        scale);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DcFaceRenderCache, dc_face_render_cache_free)

G_END_DECLS
