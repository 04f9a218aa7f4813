/*
 * The fixed contents of the model's peer cache (server/peercache*.c): the
 * records a new administration object holds and the peers DiscoverPeers
 * finds. Defined once here, so that tests can include it as their input.
 */
#ifndef QMGRPRXY_PEERCACHE_DATA_H
#define QMGRPRXY_PEERCACHE_DATA_H

#include "server.h"

/* Defaults of IBitsPeerCacheAdministration, as documented: a maximum cache
 * size of 1% of the disk, a maximum content age of 90 days. Peer caching
 * is off until it is enabled (no BG_ENABLE_PEERCACHING_* flag). */
#define PEERCACHE_DEFAULT_MAX_CACHE_SIZE   1
#define PEERCACHE_DEFAULT_MAX_CONTENT_AGE  7776000
#define PEERCACHE_DEFAULT_FLAGS            0
/* The documented limits of the setters. */
#define PEERCACHE_MAX_CACHE_SIZE_LIMIT     80
#define PEERCACHE_MIN_CONTENT_AGE          86400
#define PEERCACHE_MAX_CONTENT_AGE          10368000
#define PEERCACHE_VALID_FLAGS (BG_ENABLE_PEERCACHING_CLIENT | BG_ENABLE_PEERCACHING_SERVER | BG_DISABLE_BRANCH_CACHE)

#define PEERCACHE_MAX_RANGES 3

struct peercache_record_data
{
    GUID id;
    const WCHAR *origin_url;
    UINT64 file_size;
    FILETIME modified;        /* on the server */
    FILETIME last_access;
    BOOL validated;
    DWORD range_count;        /* at least 1: the whole file when nothing else */
    BG_FILE_RANGE ranges[PEERCACHE_MAX_RANGES];
};

struct peercache_peer_data
{
    const WCHAR *name;
    BOOL authenticated;
    BOOL available;
};

/* Records 0 and 2 are two versions of one URL, for DeleteUrl. */
static const struct peercache_record_data peercache_records[] =
{
    {
        {0x5c3e0a01, 0x7b21, 0x4c8e, {0x9d, 0x40, 0x12, 0x6a, 0x33, 0xe1, 0x0f, 0x01}},
        L"http://origin.example.test/cache/alpha.cab", 1048576,
        {0x1567c980, 0x01d710b4},   /* 2021-03-04 05:06:07 UTC */
        {0x66219300, 0x01da6b6b},   /* 2024-02-29 23:59:58 UTC */
        TRUE, 1, {{0, 1048576}},
    },
    {
        {0x5c3e0a02, 0x7b21, 0x4c8e, {0x9d, 0x40, 0x12, 0x6a, 0x33, 0xe1, 0x0f, 0x02}},
        L"https://origin.example.test/cache/beta.msi", 65536,
        {0x5f62f400, 0x01d59933},   /* 2019-11-12 08:30:00 UTC */
        {0xfb794080, 0x01db5cc2},   /* 2025-01-02 03:04:05 UTC */
        FALSE, 2, {{0, 4096}, {32768, 8192}},
    },
    {
        {0x5c3e0a03, 0x7b21, 0x4c8e, {0x9d, 0x40, 0x12, 0x6a, 0x33, 0xe1, 0x0f, 0x03}},
        L"http://origin.example.test/cache/alpha.cab", 2097152,
        {0x3e54a000, 0x01d89779},   /* 2022-07-14 12:00:00 UTC */
        {0x1e28af80, 0x01dbe9ef},   /* 2025-06-30 18:45:15 UTC */
        TRUE, 3, {{0, 1024}, {4096, 1024}, {1048576, 1048576}},
    },
    {
        {0x5c3e0a04, 0x7b21, 0x4c8e, {0x9d, 0x40, 0x12, 0x6a, 0x33, 0xe1, 0x0f, 0x04}},
        L"https://origin.example.test/cache/gr\x00fc\x00dfe-\x65e5\x672c.bin", 300,
        {0xcecd1680, 0x01d69785},   /* 2020-10-01 00:00:01 UTC */
        {0x9333a400, 0x01dc083b},   /* 2025-08-08 08:08:08 UTC */
        FALSE, 1, {{0, 300}},
    },
};

static const struct peercache_peer_data peercache_peers[] =
{
    { L"peer-one.example.test", TRUE, TRUE },
    { L"peer-two.example.test", FALSE, TRUE },
    { L"PEER-THREE", TRUE, FALSE },
    { L"p\x00e9\x00e9r-four.example.test", FALSE, FALSE },
};

#define PEERCACHE_RECORD_COUNT ARRAYSIZE(peercache_records)
#define PEERCACHE_PEER_COUNT ARRAYSIZE(peercache_peers)

#endif
