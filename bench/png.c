/*
 * PNG writer: signature, IHDR, one IDAT and IEND. The IDAT holds a zlib
 * stream made of stored (uncompressed) deflate blocks, so no compressor is
 * needed: each block is a 5-byte header and up to 65535 bytes of the rows,
 * each row led by filter type 0. Plots are small; the file is a few MB at most.
 */
#include <stdio.h>
#include <stdlib.h>
#include "checksum.h"
#include "png.h"

static void put32(BYTE *p, unsigned long v)
{
    p[0] = (BYTE)(v >> 24); p[1] = (BYTE)(v >> 16); p[2] = (BYTE)(v >> 8); p[3] = (BYTE)v;
}

static BOOL write_chunk(FILE *f, const char *type, const BYTE *data, size_t size)
{
    BYTE head[8], tail[4];
    unsigned long crc;

    put32(head, (unsigned long)size);
    memcpy(head + 4, type, 4);
    crc = crc32_update(0, head + 4, 4);
    crc = crc32_update(crc, data, size);
    put32(tail, crc);
    return fwrite(head, 1, 8, f) == 8 && fwrite(data, 1, size, f) == size && fwrite(tail, 1, 4, f) == 4;
}

BOOL png_write_rgb(const WCHAR *path, const BYTE *rgb, unsigned int width, unsigned int height)
{
    static const BYTE signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    size_t row = (size_t)width * 3 + 1, raw_size = row * height;
    size_t blocks = (raw_size + 65534) / 65535, zsize = 2 + blocks * 5 + raw_size + 4, done = 0, y;
    BYTE ihdr[13], *raw = malloc(raw_size), *z = malloc(zsize), *p;
    unsigned long adler;
    BOOL ok;
    FILE *f;

    if (!raw || !z) { free(raw); free(z); return FALSE; }
    for (y = 0; y < height; y++)
    {
        raw[y * row] = 0;                                  /* filter: none */
        memcpy(raw + y * row + 1, rgb + y * (row - 1), row - 1);
    }
    p = z;
    *p++ = 0x78;                                           /* deflate, 32K window */
    *p++ = 0x01;                                           /* no dictionary; (0x7801 % 31) == 0 */
    while (done < raw_size)
    {
        size_t len = raw_size - done > 65535 ? 65535 : raw_size - done;
        *p++ = done + len == raw_size;                     /* BFINAL, BTYPE 00 = stored */
        *p++ = (BYTE)len; *p++ = (BYTE)(len >> 8);
        *p++ = (BYTE)~len; *p++ = (BYTE)(~len >> 8);
        memcpy(p, raw + done, len);
        p += len;
        done += len;
    }
    adler = adler32_update(1, raw, raw_size);
    put32(p, adler);

    put32(ihdr, width);
    put32(ihdr + 4, height);
    ihdr[8] = 8;                                           /* bits per sample */
    ihdr[9] = 2;                                           /* truecolour RGB */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;                    /* deflate, adaptive filters, no interlace */
    if (!(f = _wfopen(path, L"wb"))) { free(raw); free(z); return FALSE; }
    ok = fwrite(signature, 1, 8, f) == 8 && write_chunk(f, "IHDR", ihdr, 13) &&
         write_chunk(f, "IDAT", z, zsize) && write_chunk(f, "IEND", NULL, 0);
    ok &= !fclose(f);
    free(raw);
    free(z);
    return ok;
}
