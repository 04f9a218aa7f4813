/* A small RGB canvas: pixels, thick lines, filled rectangles, 5x7 text. */
#ifndef QMGRPRXY_BENCH_RASTER_H
#define QMGRPRXY_BENCH_RASTER_H

#define FONT_W 5
#define FONT_H 7

struct canvas
{
    int width, height;
    unsigned char *rgb;      /* width * height * 3, top row first */
};

typedef unsigned long color;  /* 0xRRGGBB */

struct canvas *canvas_new(int width, int height, color background);
void canvas_free(struct canvas *c);
void canvas_pixel(struct canvas *c, int x, int y, color col);
void canvas_rect(struct canvas *c, int x0, int y0, int x1, int y1, color col);     /* filled, inclusive */
void canvas_line(struct canvas *c, int x0, int y0, int x1, int y1, int thickness, color col);
/* Text at (x, y) = top left, each font pixel drawn as scale x scale. */
void canvas_text(struct canvas *c, int x, int y, const char *text, int scale, color col);
int canvas_text_width(const char *text, int scale);

/* font.c: 35 characters '#'/'.' (7 rows of 5), or NULL for a blank. */
const char *font_glyph(char c);

#endif
