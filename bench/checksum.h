/* CRC-32 (PNG chunks) and Adler-32 (zlib). Start CRC-32 at 0, Adler-32 at 1. */
#ifndef QMGRPRXY_BENCH_CHECKSUM_H
#define QMGRPRXY_BENCH_CHECKSUM_H

#include <stddef.h>

unsigned long crc32_update(unsigned long crc, const unsigned char *data, size_t size);
unsigned long adler32_update(unsigned long adler, const unsigned char *data, size_t size);

#endif
