/*
 * PNG writer: signature, IHDR, PLTE when the image has at most 256 colours
 * (a plot has a handful: one byte per pixel instead of three), one IDAT and
 * IEND. The IDAT holds a zlib stream made of stored (uncompressed) deflate
 * blocks, so no compressor is needed: each block is a 5-byte header and up
 * to 65535 bytes of the rows, each row led by filter type 0.
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

/* Palette indices for rgb, or FALSE if it has more than 256 colours. */
static BOOL to_palette(const BYTE *rgb, size_t pixels, BYTE *palette, unsigned int *colours, BYTE *indices)
{
    size_t i;
    *colours = 0;
    for (i = 0; i < pixels; i++)
    {
        const BYTE *px = rgb + i * 3;
        unsigned int k;
        for (k = 0; k < *colours && memcmp(palette + k * 3, px, 3); k++) {}
        if (k == *colours)
        {
            if (k == 256) return FALSE;
            memcpy(palette + k * 3, px, 3);
            (*colours)++;
        }
        indices[i] = (BYTE)k;
    }
    return TRUE;
}

BOOL png_write_rgb(const WCHAR *path, const BYTE *rgb, unsigned int width, unsigned int height)
{
    static const BYTE signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    size_t pixels = (size_t)width * height, done = 0, y;
    BYTE ihdr[13], palette[256 * 3], *indices = malloc(pixels), *raw, *z, *p;
    unsigned int colours;
    BOOL paletted = indices && to_palette(rgb, pixels, palette, &colours, indices), ok;
    const BYTE *pixel_rows = paletted ? indices : rgb;
    size_t bpp = paletted ? 1 : 3, row = (size_t)width * bpp + 1, raw_size = row * height;
    size_t blocks = (raw_size + 65534) / 65535, zsize = 2 + blocks * 5 + raw_size + 4;
    FILE *f;

    raw = malloc(raw_size);
    z = malloc(zsize);
    if (!raw || !z) { free(indices); free(raw); free(z); return FALSE; }
    for (y = 0; y < height; y++)
    {
        raw[y * row] = 0;                                  /* filter: none */
        memcpy(raw + y * row + 1, pixel_rows + y * (row - 1), row - 1);
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
    put32(p, adler32_update(1, raw, raw_size));

    put32(ihdr, width);
    put32(ihdr + 4, height);
    ihdr[8] = 8;                                           /* bits per sample or index */
    ihdr[9] = paletted ? 3 : 2;                            /* palette / truecolour RGB */
    ihdr[10] = ihdr[11] = ihdr[12] = 0;                    /* deflate, adaptive filters, no interlace */
    ok = (f = _wfopen(path, L"wb")) != NULL;
    if (ok)
    {
        ok = fwrite(signature, 1, 8, f) == 8 && write_chunk(f, "IHDR", ihdr, 13) &&
             (!paletted || write_chunk(f, "PLTE", palette, colours * 3)) &&
             write_chunk(f, "IDAT", z, zsize) && write_chunk(f, "IEND", NULL, 0);
        ok &= !fclose(f);
    }
    free(indices);
    free(raw);
    free(z);
    return ok;
}
