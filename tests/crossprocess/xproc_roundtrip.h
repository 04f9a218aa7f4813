/* See xproc_roundtrip.c. */
#ifndef QMGRPRXY_XPROC_ROUNDTRIP_H
#define QMGRPRXY_XPROC_ROUNDTRIP_H

#include "apartment_suite.h"

void xproc_roundtrip(const struct suite_ctx *ctx);

#endif
