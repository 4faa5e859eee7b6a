// Atlas region names per cloud: the values the Admin API v2 accepts for a region config's
// regionName (CloudRegionConfig20240805, one list per providerName), the AWS KMS block's region
// and an EAR private endpoint's regionName. Copied from the spec that tests/contract/ records
// (tests/contract/README.md says how to refresh both together).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/ids.h"

namespace models {

// Every Atlas region name of the cloud (AWS, AZURE or GCP), in the spec's order; empty for NONE.
const std::vector<std::string>& region_names(Provider cloud);

// The region name exists in the cloud: US_EAST_1 in AWS, US_EAST_2 in AZURE, CENTRAL_US in GCP.
bool is_region(Provider cloud, std::string_view regionName);

// The region a cloud's cluster, KMS key or endpoint gets when none is given: one that exists in
// that cloud (AWS US_EAST_1, AZURE US_EAST_2, GCP CENTRAL_US). NONE reads as AWS.
std::string_view default_region(Provider cloud);

// The AWS region code of an Atlas AWS region name, as ARNs write it: US_EAST_1 -> us-east-1.
std::string aws_region_code(std::string_view regionName);

}  // namespace models
