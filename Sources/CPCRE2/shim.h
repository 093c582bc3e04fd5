// PCRE2 needs the code unit width chosen before its header is read; loupe matches UTF-8 bytes.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
