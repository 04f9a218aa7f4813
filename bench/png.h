/* A PNG writer for 8-bit RGB images, with no compression library. */
#ifndef QMGRPRXY_BENCH_PNG_H
#define QMGRPRXY_BENCH_PNG_H

#include <windows.h>

/* rgb: height rows of width * 3 bytes, top row first. */
BOOL png_write_rgb(const WCHAR *path, const BYTE *rgb, unsigned int width, unsigned int height);

#endif
