// What expectations can look at: the fields of each target and the values enumerated fields can
// take, both read from the world's view (models/observe.h), and the alert / event names the
// models raise.
#pragma once

#include <string>
#include <vector>

#include "models/ids.h"
#include "scenario/scenario.h"

namespace scenario {

// Fields of a target kind; for kms the provider's block (awsKms / azureKeyVault / googleCloudKms).
const std::vector<std::string>& target_fields(Target::Kind kind, models::Provider provider = models::Provider::AWS);
// Allowed values of an enumerated field (runState, status, ...); empty: any text. "absent" is
// always allowed (the thing or field does not exist at that moment).
std::vector<std::string> field_values(Target::Kind kind, const std::string& field);
// Every eventTypeName the models record (kind "alert", "email" or "event").
const std::vector<std::string>& alert_names();
std::string_view target_kind_name(Target::Kind kind);

}  // namespace scenario
