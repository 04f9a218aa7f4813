/*
 * bench-next.png: per-element cost of Next(N) against N (log scale), one
 * panel per setting with proxies, one line per DLL variant.
 */
#include <math.h>
#include "bench.h"
#include "png.h"
#include "raster.h"

#define PANEL_W 560
#define PANEL_H 460
#define TOP 70
#define LEFT 80
#define RIGHT 24
#define BOTTOM 64

static const color palette[MAX_VARIANTS] = { 0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b };
static const color axis_color = 0x333333, grid_color = 0xdddddd;

static double nice_step(double range)
{
    double raw = range / 5, power = pow(10, floor(log10(raw))), f = raw / power;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

static void format_value(double v, char *out, size_t size)
{
    if (v >= 100 || v == floor(v)) snprintf(out, size, "%.0f", v);
    else if (v >= 1) snprintf(out, size, "%.1f", v);
    else snprintf(out, size, "%.2f", v);
}

static void draw_panel(struct canvas *c, const struct results *r, enum setting s, int px)
{
    int left = px + LEFT, right = px + PANEL_W - RIGHT, top = TOP, bottom = PANEL_H - BOTTOM;
    double ymax = 0, step, y, xmax_log = 1;
    unsigned int v, k;
    char text[64];

    for (v = 0; v < r->variant_count; v++)
        for (k = 0; k < SWEEP_SIZE_COUNT; k++)
            if (r->sweep[v][s][k].count)
            {
                ymax = max(ymax, series_median(&r->sweep[v][s][k]) / sweep_sizes[k]);
                xmax_log = max(xmax_log, ceil(log10(sweep_sizes[k])));
            }
    if (ymax <= 0) ymax = 1;
    step = nice_step(ymax * 1.05);
    ymax = ceil(ymax * 1.05 / step) * step;

#define X(n) (left + (int)((right - left) * log10(n) / xmax_log))
#define Y(value) (bottom - (int)((bottom - top) * (value) / ymax))
    for (y = 0; y <= ymax + step / 2; y += step)
    {
        canvas_line(c, left, Y(y), right, Y(y), 1, grid_color);
        format_value(y, text, sizeof(text));
        canvas_text(c, left - 8 - canvas_text_width(text, 1), Y(y) - FONT_H / 2, text, 1, axis_color);
    }
    for (k = 0; k <= (unsigned int)xmax_log; k++)
    {
        double n = pow(10, k);
        canvas_line(c, X(n), top, X(n), bottom, 1, grid_color);
        snprintf(text, sizeof(text), "%.0f", n);
        canvas_text(c, X(n) - canvas_text_width(text, 1) / 2, bottom + 8, text, 1, axis_color);
    }
    canvas_line(c, left, bottom, right, bottom, 1, axis_color);
    canvas_line(c, left, top, left, bottom, 1, axis_color);
    static const char *const titles[SETTING_COUNT] =
    {
        "cross-apartment (STA objects, MTA client)", "cross-process (STA host, MTA client)",
        "loopback (the DLL alone, no RPC)", "direct (no proxy)",
    };
    canvas_text(c, px + 16, 16, titles[s], 2, axis_color);
    canvas_text(c, px + 16, top - 18, "us per element", 1, axis_color);
    canvas_text(c, (left + right) / 2 - canvas_text_width("N (log scale)", 1) / 2, bottom + 26, "N (log scale)", 1, axis_color);

    for (v = 0; v < r->variant_count; v++)
    {
        int last_x = -1, last_y = -1;
        for (k = 0; k < SWEEP_SIZE_COUNT; k++)
        {
            int x, yy;
            if (!r->sweep[v][s][k].count) continue;
            x = X(sweep_sizes[k]);
            yy = Y(series_median(&r->sweep[v][s][k]) / sweep_sizes[k]);
            if (last_x >= 0) canvas_line(c, last_x, last_y, x, yy, 2, palette[v]);
            canvas_rect(c, x - 3, yy - 3, x + 3, yy + 3, palette[v]);
            last_x = x;
            last_y = yy;
        }
        /* legend, top right of the panel */
        canvas_rect(c, right - 150, top + 10 + 18 * v, right - 136, top + 20 + 18 * v, palette[v]);
        canvas_text(c, right - 128, top + 12 + 18 * v, r->variant[v].name, 1, axis_color);
    }
#undef X
#undef Y
}

BOOL plot_next(const struct results *r, const WCHAR *path)
{
    unsigned int panels = 0, i = 0;
    struct canvas *c;
    enum setting s;
    BOOL ok;

    /* direct calls take nanoseconds and have no proxy: no panel */
    for (s = 0; s < SETTING_COUNT; s++) panels += r->setting_on[s] && s != SETTING_DIRECT;
    if (!panels) return TRUE;
    if (!(c = canvas_new(PANEL_W * panels, PANEL_H, 0xffffff))) return FALSE;
    for (s = 0; s < SETTING_COUNT; s++)
        if (r->setting_on[s] && s != SETTING_DIRECT) draw_panel(c, r, s, PANEL_W * i++);
    ok = png_write_rgb(path, c->rgb, c->width, c->height);
    canvas_free(c);
    return ok;
}
