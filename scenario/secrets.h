// Secrets in scenarios and what cmksim does so they never reach an output (FORMAT.md "Secrets"):
// the keys of a kms entry that hold credentials, the placeholder written instead of their values,
// and the shapes of credentials, so an error message never quotes text that looks like one even
// when it was put in the wrong place (a key, another field).
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace scenario {

// The kms-entry keys whose values are secrets: Azure `secret`, AWS `accessKeyID`/`secretAccessKey`.
inline constexpr std::array<std::string_view, 3> kSecretKeys = {"secret", "accessKeyID", "secretAccessKey"};
bool is_secret_key(std::string_view key);

// Written instead of a secret value in files cmksim writes from a scenario (explore's repro).
inline constexpr std::string_view kSecretPlaceholder = "REDACTED";

// True for text shaped like a credential: an AWS access key id (AKIA... / ASIA..., 20 characters),
// a 40-character base64 AWS secret access key, an Azure client secret (xxxxQ~...), or a long
// random-looking token (24+ characters mixing upper case, lower case and digits throughout).
bool looks_like_secret(std::string_view token);

// `message` with every token shaped like a credential replaced by "<secret-like text hidden>".
std::string hide_secret_shapes(std::string_view message);

}  // namespace scenario
