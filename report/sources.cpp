#include "report/sources.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include <fmt/format.h>

namespace report {
namespace {

// A tag with a fixed document.
struct Document {
  const char* tag;
  const char* title;
  const char* url;
};

const Document kDocuments[] = {
    {"seed 000", "Manage Customer Keys with AWS Over Private Endpoints",
     "https://www.mongodb.com/docs/atlas/security/aws-kms-over-private-endpoint/"},
    {"seed 001", "Manage Customer Keys with Azure Key Vault Over Private Endpoints (older edition)",
     "https://www.mongodb.com/docs/atlas/security/azure-kms-over-private-endpoint/"},
    {"seed 002", "Enable and Configure Encryption at Rest using Customer Key Management for One Project (API v1.0)",
     "https://www.mongodb.com/docs/atlas/reference/api/enable-configure-encryptionatrest/"},
    {"seed 003", "Encryption at Rest using Customer Key Management", "https://www.mongodb.com/docs/atlas/security-kms-encryption/"},
    {"seed 004", "Manage Customer Keys with Azure Key Vault Over Private Endpoints",
     "https://www.mongodb.com/docs/atlas/security/azure-kms-over-private-endpoint/"},
    {"RAWSPEC", "Atlas Administration API v2 (OpenAPI spec, mongodb/openapi openapi/v2.yaml)",
     "https://github.com/mongodb/openapi/blob/main/openapi/v2.yaml"},
    {"api-errors", "Atlas Administration API Error Codes", "https://www.mongodb.com/docs/atlas/reference/api-errors/"},
    {"CIREP", "Daily Terraform test runs against Atlas (EspenAlbert/schedule-test)", "https://github.com/EspenAlbert/schedule-test"},
    {"DOCS security-aws-kms", "Manage Customer Keys with AWS KMS", "https://www.mongodb.com/docs/atlas/security-aws-kms/"},
    {"DOCS security-azure-kms", "Manage Customer Keys with Azure Key Vault", "https://www.mongodb.com/docs/atlas/security-azure-kms/"},
    {"DOCS security-gcp-kms", "Manage Customer Keys with Google Cloud KMS", "https://www.mongodb.com/docs/atlas/security-gcp-kms/"},
    {"DOCS azure-kms-over-public-network", "Manage Customer Keys with Azure Key Vault Over the Public Network",
     "https://www.mongodb.com/docs/atlas/security/azure-kms-over-public-network/"},
    {"DOCS pause-terminate-cluster", "Pause, Resume, or Terminate a Cluster", "https://www.mongodb.com/docs/atlas/pause-terminate-cluster/"},
    {"DOCS fact-atlas-key-rotation", "Encryption at Rest using Customer Key Management (the master-key rotation note)",
     "https://www.mongodb.com/docs/atlas/security-kms-encryption/"},
    {"DOCS KMS", "Encryption at Rest using Customer Key Management", "https://www.mongodb.com/docs/atlas/security-kms-encryption/"},
    {"DOCS AWS", "Manage Customer Keys with AWS Over Private Endpoints (the enable-connections steps)",
     "https://www.mongodb.com/docs/atlas/security/aws-kms-over-private-endpoint/"},
};

constexpr const char* kTerraform = "https://github.com/mongodb/terraform-provider-mongodbatlas";

// Every citation in `text` with the position it starts at.
std::vector<std::pair<std::size_t, SourceLink>> citations(std::string_view text) {
  std::vector<std::pair<std::size_t, SourceLink>> found;
  for (const Document& d : kDocuments)
    for (std::size_t at = text.find(d.tag); at != std::string_view::npos; at = text.find(d.tag, at + 1)) {
      // "DOCS KMS" must not match inside a longer name such as "DOCS KMSx".
      const std::size_t end = at + std::string_view(d.tag).size();
      if (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-')) continue;
      found.push_back({at, {d.tag, d.title, d.url}});
    }
  static const std::regex pr(R"(PR #(\d+))"), commit(R"(TF ([0-9a-f]{7,40})\b)");
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), pr); it != std::sregex_iterator(); ++it)
    found.push_back({static_cast<std::size_t>(it->position()),
                     {it->str(), fmt::format("Terraform provider for Atlas, pull request #{}", it->str(1)),
                      fmt::format("{}/pull/{}", kTerraform, it->str(1))}});
  for (auto it = std::sregex_iterator(s.begin(), s.end(), commit); it != std::sregex_iterator(); ++it)
    found.push_back({static_cast<std::size_t>(it->position()),
                     {it->str(), fmt::format("Terraform provider for Atlas, commit {}", it->str(1)),
                      fmt::format("{}/commit/{}", kTerraform, it->str(1))}});
  return found;
}

}  // namespace

std::vector<SourceLink> source_links(std::string_view text) {
  auto found = citations(text);
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<SourceLink> links;
  for (auto& entry : found) {  // not a structured binding: clang 14 (the fuzz build) cannot capture one
    SourceLink& link = entry.second;
    if (std::none_of(links.begin(), links.end(), [&](const SourceLink& l) { return l.url == link.url; })) links.push_back(std::move(link));
  }
  return links;
}

}  // namespace report
