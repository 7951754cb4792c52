-- Media references used to carry the provider's URL, which the history handed to seller apps. They now carry the
-- gateway's opaque media id (fetched through GET /api/conversations/{id}/messages/{messageId}/media/{index}); the
-- URLs of messages stored before are removed so no provider address is served any more. Those items keep their
-- content type and show without a link (they were received before the gateway kept media).
UPDATE message
SET media = jsonb_build_object('items',
        (SELECT coalesce(jsonb_agg(item - 'url' ORDER BY position), '[]'::jsonb)
         FROM jsonb_array_elements(media -> 'items') WITH ORDINALITY AS items(item, position)))
WHERE jsonb_path_exists(media, '$.items[*].url');
