// The error catalogue (models/error_catalogue.h) is complete and well formed: every code a factory
// of models/errors.cpp or a validation reason (models/validator.cpp) names is a row, the rows are
// ordered and unique, and the factories give the catalogue's status and text with values filled in.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "models/error_catalogue.h"
#include "models/errors.h"

using namespace models;

namespace {
std::string source(const std::string& rel) {
  std::ifstream in(std::string(CMKSIM_SOURCE_DIR) + "/" + rel);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
// Every quoted error-code-shaped literal ("CANNOT_ASSUME_ROLE") in the file.
std::set<std::string> code_literals(const std::string& text) {
  static const std::regex code(R"re("([A-Z][A-Z0-9]*(_[A-Z0-9]+)+)")re");
  std::set<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), code); it != std::sregex_iterator(); ++it) found.insert(it->str(1));
  return found;
}
}  // namespace

TEST_CASE("every code models/errors.cpp and models/validator.cpp name is in the catalogue") {
  // Reading the sources, not a list of factories: a factory added later is checked too.
  for (const char* file : {"models/errors.cpp", "models/validator.cpp"}) {
    const std::set<std::string> codes = code_literals(source(file));
    CHECK_MESSAGE(codes.size() >= 10, file << " read");
    for (const std::string& c : codes) CHECK_MESSAGE(find_error(c) != nullptr, c << " (named in " << file << ") is not in the catalogue");
  }
}

TEST_CASE("the catalogue is ordered by code, each once, with an HTTP error status, a text and a source") {
  const auto all = error_catalogue();
  REQUIRE(all.size() >= 50);
  const std::set<int> statuses = {400, 404, 409, 429, 500, 503};
  for (std::size_t i = 0; i < all.size(); ++i) {
    const ErrorInfo& e = all[i];
    if (i > 0) CHECK_MESSAGE(all[i - 1].code < e.code, e.code << " is out of order or repeated");
    CHECK_MESSAGE(statuses.count(e.httpStatus) == 1, e.code);
    CHECK_FALSE(e.message.empty());
    CHECK_FALSE(e.source.empty());
    CHECK(find_error(e.code) == &e);
  }
  CHECK(find_error("NO_SUCH_CODE") == nullptr);
}

TEST_CASE("fill_message fills %s and %d in order and leaves a placeholder without a value") {
  CHECK(fill_message("Cluster %s runs %d minutes.", {"orders", "60"}) == "Cluster orders runs 60 minutes.");
  CHECK(fill_message("Cluster %s runs %d minutes.", {"orders"}) == "Cluster orders runs %d minutes.");
  CHECK(fill_message("100% sure", {}) == "100% sure");
}

TEST_CASE("api-errors: the factories answer the documented text with the values filled in") {
  const AtlasError nf = errors::not_enabled("shop");
  CHECK(nf.code == "ENCRYPTION_AT_REST_NOT_ENABLED");
  CHECK(nf.message == "Encryption at Rest is not enabled for group shop.");
  CHECK(nf.params == std::vector<std::string>{"shop"});
  const AtlasError rr = errors::cannot_pause_recently_resumed(60);
  CHECK(rr.httpStatus == 400);
  CHECK(rr.message == "Recently resumed clusters must remain running for 60 minutes to process all queued maintenance.");
  CHECK(rr.params == std::vector<std::string>{"60"});
  CHECK(errors::cannot_update_paused_cluster("orders").message == "Cannot update cluster orders while it is paused or being paused.");
  CHECK(errors::cluster_already_paused().message == "Cannot pause a cluster that is already paused.");
  CHECK(errors::cannot_pause_with_pending_changes().message == "Cannot pause a cluster with pending changes.");
  CHECK(errors::cannot_use_tenant().message == "Cannot use Encryption at Rest with tenant clusters.");
  CHECK(errors::missing_provider().message == "At least one Encryption at Rest provider must be specified.");
  CHECK(errors::provider_not_supported().message == "Encryption at Rest Provider cannot be configured on this cluster.");
  CHECK(errors::cannot_rotate_key_encryption_disabled().message == "Cannot rotate encryption key because encryption is disabled.");
  CHECK(errors::cannot_disable_with_backup_compliance().message ==
        "You can't disable Encryption at Rest while you have a Backup Compliance Policy enabled.");
  CHECK(errors::cannot_change_provider().message ==
        "To choose a different Encryption at Rest provider, please disable and re-enable this feature. This will decrypt your data "
        "and allow you to encrypt it with a different Encryption at Rest provider.");
  const AtlasError rl = errors::rate_limited("get_endpoint");
  CHECK(rl.httpStatus == 429);
  CHECK(rl.message == "Resource get_endpoint is limited to 1 requests every 1 minutes.");
  CHECK(errors::service_unavailable().httpStatus == 503);
}

TEST_CASE("api-errors: every key-provider error has its own detail") {
  const std::vector<std::pair<std::string, std::string>> texts = {
      {"NO_PERMISSION_TO_ENCRYPT_DECRYPT", "The provided credentials do not have permission to encrypt or decrypt with the key."},
      {"INVALID_AWS_CREDENTIALS", "Invalid AWS credentials."},
      {"INVALID_AZURE_CREDENTIALS", "Invalid Azure credentials."},
      {"INVALID_GOOGLE_CLOUD_CREDENTIALS", "Invalid Google Cloud credentials."},
      {"AWS_KMS_CUSTOMER_MASTER_KEY_NOT_ENABLED", "AWS KMS Customer Master Key is not enabled."},
      {"AWS_KMS_CUSTOMER_MASTER_KEY_PENDING_DELETION", "AWS KMS Customer Master Key is pending deletion."},
      {"AWS_CUSTOMER_MASTER_KEY_NOT_FOUND", "No AWS customer master key found for group shop."},
      {"AZURE_KEY_VAULT_KEY_NOT_ACTIVE", "The key must not be used before its \"nbf\"."},
      {"AZURE_KEY_VAULT_KEY_NOT_ENABLED", "Key not enabled."},
      {"AZURE_KEY_VAULT_KEY_NOT_FOUND", "No Azure Key Vault key found for the provided credentials."},
      {"GOOGLE_CLOUD_KMS_KEY_VERSION_DESTROY_SCHEDULED", "Key version is scheduled for destruction."},
      {"GOOGLE_CLOUD_KMS_KEY_VERSION_DESTROYED", "Key version is destroyed."},
      {"GOOGLE_CLOUD_KMS_KEY_VERSION_DISABLED", "Key version is disabled."},
      {"GOOGLE_CLOUD_KMS_KEY_VERSION_NOT_FOUND", "Cannot find key version."},
      {"SIM_PRIVATE_ENDPOINT_UNAVAILABLE",
       "Atlas cannot reach the AWS key over private networking: no ACTIVE Encryption at Rest private endpoint."},
  };
  std::set<std::string> seen;
  for (const auto& [code, text] : texts) {
    const AtlasError e = errors::kms_key_error(code, "shop", "AWS");
    CHECK(e.code == code);
    CHECK(e.message == text);
    CHECK(e.httpStatus == (code == "AWS_CUSTOMER_MASTER_KEY_NOT_FOUND" ? 404 : 400));
    seen.insert(e.message);
  }
  CHECK(seen.size() == texts.size());
}

TEST_CASE("a factory asked for a code outside the catalogue throws") {
  CHECK_THROWS_AS(errors::from_catalogue("NOT_A_CATALOGUE_CODE"), std::logic_error);
}
