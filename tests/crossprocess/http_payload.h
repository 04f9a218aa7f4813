/* The bytes tests/crossprocess/http_fixture.py serves at HTTP_PAYLOAD_PATH
 * (and the client writes as its local source): byte i is (31 i + 7) mod 251. */
#ifndef QMGRPRXY_HTTP_PAYLOAD_H
#define QMGRPRXY_HTTP_PAYLOAD_H

#define HTTP_PAYLOAD_PATH "payload.bin"
#define HTTP_PAYLOAD_SIZE 40000u    /* several of the service's 4 KB reads */

static inline unsigned char http_payload_byte(unsigned int i)
{
    return (unsigned char)((31u * i + 7u) % 251u);
}

#endif
