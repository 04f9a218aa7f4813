/* The two checksums of a PNG file: CRC-32 of each chunk, Adler-32 of the zlib stream. */
#include "checksum.h"

unsigned long crc32_update(unsigned long crc, const unsigned char *data, size_t size)
{
    static unsigned long table[256];
    size_t i;

    if (!table[1])
        for (i = 0; i < 256; i++)
        {
            unsigned long c = (unsigned long)i;
            int k;
            for (k = 0; k < 8; k++) c = c & 1 ? 0xedb88320UL ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
    crc ^= 0xffffffffUL;
    for (i = 0; i < size; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffUL;
}

unsigned long adler32_update(unsigned long adler, const unsigned char *data, size_t size)
{
    unsigned long a = adler & 0xffff, b = adler >> 16;
    size_t i;
    for (i = 0; i < size; i++)
    {
        a = (a + data[i]) % 65521;
        b = (b + a) % 65521;
    }
    return (b << 16) | a;
}
