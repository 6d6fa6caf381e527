#include "cache/compress.h"

#include <brotli/encode.h>

#include "http/wire.h"

namespace congtin::cache {

std::optional<std::string> gzip_best(std::string_view data) {
  return http::wire::gzip(data, 9);
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
