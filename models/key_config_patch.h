// PATCH /groups/{g}/encryptionAtRest by the API's own field names (RAWSPEC EncryptionAtRest;
// seed 002 §'Request Body Parameters'): which fields each block has, and what one request changes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/actions.h"
#include "models/ids.h"

namespace models {

// The writable fields of awsKms / azureKeyVault / googleCloudKms (RAWSPEC), in the API's spelling.
const std::vector<std::string>& kms_field_names(Provider p);
// Fields whose values are secrets: read, never kept or shown (FORMAT.md "Secrets").
bool is_secret_kms_field(std::string_view name);
// Fields whose value is true or false.
bool is_boolean_kms_field(std::string_view name);

// One PATCH of one block, read from its fields: what it sets (unset: not in the request).
struct KmsPatch {
  std::optional<bool> enabled, requirePrivateNetworking;
  std::optional<std::string> keyId;  // customerMasterKeyID / keyIdentifier / keyVersionResourceID
  std::optional<std::string> region;  // awsKms.region
  std::optional<std::string> azureEnvironment, keyVaultName, resourceGroupName, subscriptionID;
  std::optional<std::string> clientID, tenantID;  // azureKeyVault; also new credentials
  std::optional<std::string> roleId;  // AWS IAM role / GCP Atlas-managed service account (RAWSPEC)
  bool credentials = false;     // roleId, clientID, tenantID, secret, serviceAccountKey: new credentials
  bool accessKeys = false;      // awsKms accessKeyID / secretAccessKey (legacy, seed 002)
  bool serviceAccountKey = false;  // googleCloudKms.serviceAccountKey (static JSON key, write-only)
};
KmsPatch read_kms_patch(Provider p, const KmsFieldValues& fields);

// The shape of the identifiers a PATCH sends (RAWSPEC): roleId 24 hex digits; an AWS
// customerMasterKeyID 1..2048 characters, and when a full ARN (DOCS fact-aws-kms-prereqs,
// cross-account) arn:<partition>:kms:<region>:<12-digit account>:key/<id> or alias/<name>. The
// name of the first malformed field, or nullopt.
std::optional<std::string> malformed_kms_field(Provider p, const KmsPatch& x);

}  // namespace models
