/* pack.h - packing a submission folder */
#ifndef GEN_PACK_H
#define GEN_PACK_H
int gen_pack_zip(const char *dir, const char *out, int gbk);
int gen_pack_iso(const char *dir, const char *out, const char *volume, int rockridge);
#endif
