/* The canvas of raster.h: everything the line plot draws. */
#include <stdlib.h>
#include <string.h>
#include "raster.h"

struct canvas *canvas_new(int width, int height, color background)
{
    struct canvas *c = malloc(sizeof(*c));
    int i;
    if (!c) return NULL;
    c->width = width;
    c->height = height;
    if (!(c->rgb = malloc((size_t)width * height * 3))) { free(c); return NULL; }
    for (i = 0; i < width * height; i++)
    {
        c->rgb[i * 3] = (unsigned char)(background >> 16);
        c->rgb[i * 3 + 1] = (unsigned char)(background >> 8);
        c->rgb[i * 3 + 2] = (unsigned char)background;
    }
    return c;
}

void canvas_free(struct canvas *c)
{
    if (!c) return;
    free(c->rgb);
    free(c);
}

void canvas_pixel(struct canvas *c, int x, int y, color col)
{
    unsigned char *p;
    if (x < 0 || y < 0 || x >= c->width || y >= c->height) return;
    p = c->rgb + ((size_t)y * c->width + x) * 3;
    p[0] = (unsigned char)(col >> 16);
    p[1] = (unsigned char)(col >> 8);
    p[2] = (unsigned char)col;
}

void canvas_rect(struct canvas *c, int x0, int y0, int x1, int y1, color col)
{
    int x, y;
    for (y = y0; y <= y1; y++)
        for (x = x0; x <= x1; x++) canvas_pixel(c, x, y, col);
}

/* Bresenham; a thick line stamps a square of the thickness at every step. */
void canvas_line(struct canvas *c, int x0, int y0, int x1, int y1, int thickness, color col)
{
    int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
    int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
    int err = dx + dy, lo = -(thickness - 1) / 2, hi = thickness / 2;

    for (;;)
    {
        int e2 = 2 * err;    /* both tests use the error before this step */
        canvas_rect(c, x0 + lo, y0 + lo, x0 + hi, y0 + hi, col);
        if (x0 == x1 && y0 == y1) break;
        if (e2 >= dy) { err += dy; x0 += sx; }
        if (e2 <= dx) { err += dx; y0 += sy; }
    }
}

void canvas_text(struct canvas *c, int x, int y, const char *text, int scale, color col)
{
    for (; *text; text++, x += (FONT_W + 1) * scale)
    {
        const char *glyph = font_glyph(*text);
        int row, column;
        if (!glyph) continue;
        for (row = 0; row < FONT_H; row++)
            for (column = 0; column < FONT_W; column++)
                if (glyph[row * FONT_W + column] == '#')
                    canvas_rect(c, x + column * scale, y + row * scale,
                                x + (column + 1) * scale - 1, y + (row + 1) * scale - 1, col);
    }
}

int canvas_text_width(const char *text, int scale)
{
    int n = (int)strlen(text);
    return n ? (n * (FONT_W + 1) - 1) * scale : 0;
}
