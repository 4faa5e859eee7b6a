// Keys in the customer's KMS beside the one Atlas uses, and how Atlas judges a key before it uses
// it (spec §2.6 rotation, §3.2 key codes; seed 004 §'Rotate your Azure Key Identifier'). The World
// methods that rotate, validate and look keys up are in models/key_versions.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "models/ids.h"
#include "models/key.h"
#include "models/project.h"

namespace models {

// The block's key id field: customerMasterKeyID / keyIdentifier / keyVersionResourceID (RAWSPEC).
std::string& key_id_field(KmsConfig& b, Provider p);
const std::string& key_id_field(const KmsConfig& b, Provider p);

// The KMS code of a key in state s (spec §3.2): AWS_KMS_CUSTOMER_MASTER_KEY_NOT_ENABLED, ...
// (validator.cpp, where the validation uses it).
std::string key_state_code(Provider p, KeyState s);

// The vault of an Azure key identifier https://<vault>.vault.azure.net/keys/<name>[/<version>]
// (seed 004 §'Rotate...' example; spec §1); nullopt when the text has another shape.
std::optional<std::string> azure_key_vault_of(std::string_view keyIdentifier);

// The AWS key itself, which a multi-Region replica shares with its primary: the part after "key/"
// of an ARN, else the id as given (spec §2.8 "multi-Region key").
std::string_view aws_key_part(std::string_view keyId);

// The AWS region code of a key ARN (arn:aws:kms:<code>:...); empty for a bare key id.
std::string_view aws_arn_region(std::string_view keyId);

// A new key id as the customer's KMS would name version `version` of the block's key: an ARN in
// the block's region, a key identifier in its vault, a GCP key version (rotate_key without key_id).
std::string generated_key_id(const Project& pr, Provider p, std::uint32_t version);

}  // namespace models
