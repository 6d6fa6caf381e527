#include "core/result.h"

namespace congtin {

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return "invalid argument";
    case ErrorKind::kNotFound: return "not found";
    case ErrorKind::kConflict: return "conflict";
    case ErrorKind::kPermissionDenied: return "permission denied";
    case ErrorKind::kUnavailable: return "unavailable";
    case ErrorKind::kCorruption: return "corruption";
    case ErrorKind::kIo: return "I/O error";
    case ErrorKind::kInternal: return "internal error";
  }
  return "unknown";
}

}  // namespace congtin
