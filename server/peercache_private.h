/* Private to the peer cache of the model (server/peercache*.c). */
#ifndef QMGRPRXY_PEERCACHE_PRIVATE_H
#define QMGRPRXY_PEERCACHE_PRIVATE_H

#include "peercache_data.h"

/* Objects over one entry of the fixed data, which outlives them. */
HRESULT peercache_record_create(const struct peercache_record_data *data, IBitsPeerCacheRecord **out);
HRESULT peercache_peer_create(const struct peercache_peer_data *data, IBitsPeer **out);

#endif
