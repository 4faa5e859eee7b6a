#include "scenario/secrets.h"

#include <algorithm>
#include <cctype>

namespace scenario {
namespace {

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
// Characters credentials are made of (base64, base64url, Azure's ~ and .).
bool token_char(char c) {
  return upper(c) || lower(c) || digit(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '~' || c == '.' || c == '-';
}

bool aws_access_key_id(std::string_view t) {
  static constexpr std::string_view kPrefixes[] = {"AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA",
                                                   "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA"};
  if (t.size() != 20 || std::none_of(std::begin(kPrefixes), std::end(kPrefixes), [&](auto p) { return t.starts_with(p); }))
    return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return upper(c) || digit(c); });
}

bool aws_secret_key(std::string_view t) {
  if (t.size() != 40) return false;
  if (!std::all_of(t.begin(), t.end(), [](char c) { return upper(c) || lower(c) || digit(c) || c == '+' || c == '/' || c == '='; }))
    return false;
  const bool mixed = std::any_of(t.begin(), t.end(), upper) && std::any_of(t.begin(), t.end(), lower);
  return mixed && std::any_of(t.begin(), t.end(), [](char c) { return digit(c) || c == '+' || c == '/'; });
}

// Azure client secrets since 2021: three characters, a digit, "Q~", then 31 to 34 more.
bool azure_client_secret(std::string_view t) { return t.size() >= 37 && t.size() <= 40 && digit(t[3]) && t.substr(4, 2) == "Q~"; }

// Random text switches between upper case, lower case and digits far more often than words and
// names do ("AzureKeyVaultCluster01" switches 5 times in 22 characters, a random token about 15).
bool random_token(std::string_view t) {
  if (t.size() < 24) return false;
  auto cls = [](char c) { return upper(c) ? 1 : lower(c) ? 2 : digit(c) ? 3 : 0; };
  bool u = false, l = false, d = false;
  std::size_t switches = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    u = u || upper(t[i]);
    l = l || lower(t[i]);
    d = d || digit(t[i]);
    if (i > 0 && cls(t[i]) != cls(t[i - 1])) ++switches;
  }
  return u && l && d && switches * 3 >= t.size();
}

}  // namespace

bool is_secret_key(std::string_view key) {
  return std::find(kSecretKeys.begin(), kSecretKeys.end(), key) != kSecretKeys.end();
}

bool looks_like_secret(std::string_view t) {
  if (!std::all_of(t.begin(), t.end(), token_char)) return false;
  return aws_access_key_id(t) || aws_secret_key(t) || azure_client_secret(t) || random_token(t);
}

std::string hide_secret_shapes(std::string_view message) {
  std::string out;
  for (std::size_t i = 0; i < message.size();) {
    if (!token_char(message[i])) {
      out += message[i++];
      continue;
    }
    std::size_t end = i;
    while (end < message.size() && token_char(message[end])) ++end;
    std::string_view token = message.substr(i, end - i);
    // Messages clip long values to 40 characters and "..."; a sentence ends with ".".
    std::string_view core = token;
    while (!core.empty() && core.back() == '.') core.remove_suffix(1);
    if (looks_like_secret(core))
      out += std::string("<secret-like text hidden>") + std::string(token.substr(core.size()));
    else
      out += token;
    i = end;
  }
  return out;
}

}  // namespace scenario
