// libzstd's streaming decompression API (ZSTD_decompressStream), read by LoupeIO's ZstdStream.
#include <zstd.h>
