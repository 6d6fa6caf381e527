#include "cache/compress.h"

#include <brotli/encode.h>
#include <zlib.h>

namespace congtin::cache {

std::optional<std::string> gzip_best(std::string_view data) {
  // One deflate state per thread, reset between pages: its ~512 KiB of tables cost more to
  // allocate and fault in than compressing a 5 KB page does.
  struct Deflater {
    z_stream zs{};
    bool ok = false;
    Deflater() {
      // windowBits 15 + 16 asks zlib for the gzip wrapper instead of the zlib one.
      ok = deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) ==
           Z_OK;
    }
    ~Deflater() {
      if (ok) deflateEnd(&zs);
    }
  };
  thread_local Deflater d;
  if (!d.ok || deflateReset(&d.zs) != Z_OK) return std::nullopt;
  z_stream& zs = d.zs;
  std::string out;
  out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  if (deflate(&zs, Z_FINISH) != Z_STREAM_END) return std::nullopt;
  out.resize(zs.total_out);
  return out;
}

std::optional<std::string> brotli(std::string_view data, int quality) {
  std::string out(BrotliEncoderMaxCompressedSize(data.size()), '\0');
  std::size_t size = out.size();
  // A window just large enough for the page: the default (4 MiB) made the encoder's set-up
  // cost more than the compression of a typical 5-60 KB page.
  int lgwin = BROTLI_MIN_WINDOW_BITS;
  while (lgwin < BROTLI_DEFAULT_WINDOW && (std::size_t{1} << lgwin) - 16 < data.size()) ++lgwin;
  if (out.empty() ||
      !BrotliEncoderCompress(quality, lgwin, BROTLI_MODE_TEXT, data.size(),
                             reinterpret_cast<const std::uint8_t*>(data.data()), &size,
                             reinterpret_cast<std::uint8_t*>(out.data()))) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

}  // namespace congtin::cache
