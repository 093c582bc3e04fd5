#include <zlib.h>

// inflateInit2 is a macro (it passes the header's version and struct size), which Swift cannot
// call; this wrapper can. 15 + 16: a 32 KiB window and a gzip header, as gzip writes.
static inline int loupe_inflate_init_gzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}
