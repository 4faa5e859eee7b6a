#include "models/clients/go_text.h"

#include <fmt/format.h>

namespace models::clients {

std::string go_duration(sim::Duration d) {
  const std::int64_t ms = d.ms();
  if (ms == 0) return "0s";
  if (ms < 1000) return fmt::format("{}ms", ms);
  const std::int64_t h = ms / 3'600'000, m = ms / 60'000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
  std::string seconds = std::to_string(s);
  if (frac != 0) {  // Go prints the fraction without trailing zeros: 1.5s, 1.25s
    std::string f = fmt::format("{:03}", frac);
    while (f.back() == '0') f.pop_back();
    seconds += "." + f;
  }
  if (h > 0) return fmt::format("{}h{}m{}s", h, m, seconds);
  if (m > 0) return fmt::format("{}m{}s", m, seconds);
  return seconds + "s";
}

std::string_view http_status_text(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "";
  }
}

std::string sdk_error_text(std::string_view method, std::string_view path, const Outcome& o) {
  const AtlasError& e = o.error();
  std::string params;
  for (const std::string& p : e.params) params += (params.empty() ? "" : " ") + p;
  const std::string_view status = http_status_text(e.httpStatus);
  return fmt::format("https://cloud.mongodb.com/api/atlas/v2{} {}: HTTP {} {} (Error code: \"{}\") Detail: {} Reason: {}. Params: [{}]", path,
                     method, e.httpStatus, status, e.code, e.message, status, params);
}

}  // namespace models::clients
