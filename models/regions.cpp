// models::regions: the Atlas region names, from the Admin API v2 spec
// (mongodb/terraform-provider-mongodbatlas tools/codegen/atlasapispec/raw-multi-version-api-spec.yml,
// CloudRegionConfig20240805.regionName: oneOf AWS, Azure, GCP enums).
#include "models/regions.h"

#include <algorithm>
#include <cctype>

namespace models {

namespace {

const std::vector<std::string>& aws_regions() {
  static const std::vector<std::string> names = {
    "US_GOV_WEST_1", "US_GOV_EAST_1", "US_EAST_1", "US_EAST_2", "US_WEST_1", "US_WEST_2", "CA_CENTRAL_1",
    "EU_NORTH_1", "EU_WEST_1", "EU_WEST_2", "EU_WEST_3", "EU_CENTRAL_1", "EU_CENTRAL_2", "AP_EAST_1", "AP_EAST_2",
    "AP_NORTHEAST_1", "AP_NORTHEAST_2", "AP_NORTHEAST_3", "AP_SOUTHEAST_1", "AP_SOUTHEAST_2", "AP_SOUTHEAST_3",
    "AP_SOUTHEAST_4", "AP_SOUTHEAST_5", "AP_SOUTHEAST_6", "AP_SOUTHEAST_7", "AP_SOUTH_1", "AP_SOUTH_2", "SA_EAST_1",
    "CN_NORTH_1", "CN_NORTHWEST_1", "ME_SOUTH_1", "ME_CENTRAL_1", "AF_SOUTH_1", "EU_SOUTH_1", "EU_SOUTH_2",
    "IL_CENTRAL_1", "CA_WEST_1", "MX_CENTRAL_1", "GLOBAL"};
  return names;
}

const std::vector<std::string>& azure_regions() {
  static const std::vector<std::string> names = {
    "US_CENTRAL", "US_EAST", "US_EAST_2", "US_NORTH_CENTRAL", "US_WEST", "US_SOUTH_CENTRAL", "EUROPE_NORTH",
    "EUROPE_WEST", "US_WEST_CENTRAL", "US_WEST_2", "US_WEST_3", "CANADA_EAST", "CANADA_CENTRAL", "BRAZIL_SOUTH",
    "BRAZIL_SOUTHEAST", "AUSTRALIA_CENTRAL", "AUSTRALIA_CENTRAL_2", "AUSTRALIA_EAST", "AUSTRALIA_SOUTH_EAST",
    "GERMANY_WEST_CENTRAL", "GERMANY_NORTH", "SWEDEN_CENTRAL", "SWEDEN_SOUTH", "SWITZERLAND_NORTH",
    "SWITZERLAND_WEST", "UK_SOUTH", "UK_WEST", "NORWAY_EAST", "NORWAY_WEST", "INDIA_CENTRAL", "INDIA_SOUTH",
    "INDIA_WEST", "CHINA_EAST", "CHINA_NORTH", "ASIA_EAST", "JAPAN_EAST", "JAPAN_WEST", "ASIA_SOUTH_EAST",
    "KOREA_CENTRAL", "KOREA_SOUTH", "FRANCE_CENTRAL", "FRANCE_SOUTH", "SOUTH_AFRICA_NORTH", "SOUTH_AFRICA_WEST",
    "UAE_CENTRAL", "UAE_NORTH", "QATAR_CENTRAL", "POLAND_CENTRAL", "ISRAEL_CENTRAL", "ITALY_NORTH", "SPAIN_CENTRAL",
    "MEXICO_CENTRAL", "NEW_ZEALAND_NORTH", "US_GOV_VIRGINIA", "US_GOV_ARIZONA", "US_GOV_TEXAS"};
  return names;
}

const std::vector<std::string>& gcp_regions() {
  static const std::vector<std::string> names = {
    "EASTERN_US", "EASTERN_US_AW", "US_EAST_4", "US_EAST_4_AW", "US_EAST_5", "US_EAST_5_AW", "US_WEST_2",
    "US_WEST_2_AW", "US_WEST_3", "US_WEST_3_AW", "US_WEST_4", "US_WEST_4_AW", "US_SOUTH_1", "US_SOUTH_1_AW",
    "CENTRAL_US", "CENTRAL_US_AW", "WESTERN_US", "WESTERN_US_AW", "NORTH_AMERICA_NORTHEAST_1",
    "NORTH_AMERICA_NORTHEAST_2", "NORTH_AMERICA_SOUTH_1", "SOUTH_AMERICA_EAST_1", "SOUTH_AMERICA_WEST_1",
    "WESTERN_EUROPE", "EUROPE_NORTH_1", "EUROPE_WEST_2", "EUROPE_WEST_3", "EUROPE_WEST_4", "EUROPE_WEST_6",
    "EUROPE_WEST_8", "EUROPE_WEST_9", "EUROPE_WEST_10", "EUROPE_WEST_12", "EUROPE_SOUTHWEST_1", "EUROPE_CENTRAL_2",
    "MIDDLE_EAST_CENTRAL_1", "MIDDLE_EAST_CENTRAL_2", "MIDDLE_EAST_WEST_1", "AUSTRALIA_SOUTHEAST_1",
    "AUSTRALIA_SOUTHEAST_2", "AFRICA_SOUTH_1", "EASTERN_ASIA_PACIFIC", "NORTHEASTERN_ASIA_PACIFIC",
    "SOUTHEASTERN_ASIA_PACIFIC", "ASIA_EAST_2", "ASIA_NORTHEAST_2", "ASIA_NORTHEAST_3", "ASIA_SOUTH_1",
    "ASIA_SOUTH_2", "ASIA_SOUTHEAST_2"};
  return names;
}

}  // namespace

const std::vector<std::string>& region_names(Provider cloud) {
  static const std::vector<std::string> none;
  switch (cloud) {
    case Provider::AWS: return aws_regions();
    case Provider::AZURE: return azure_regions();
    case Provider::GCP: return gcp_regions();
    case Provider::NONE: break;
  }
  return none;
}

bool is_region(Provider cloud, std::string_view regionName) {
  const std::vector<std::string>& names = region_names(cloud);
  return std::find(names.begin(), names.end(), regionName) != names.end();
}

std::string_view default_region(Provider cloud) {
  switch (cloud) {
    case Provider::AZURE: return "US_EAST_2";
    case Provider::GCP: return "CENTRAL_US";
    case Provider::AWS:
    case Provider::NONE: break;
  }
  return "US_EAST_1";
}

std::string aws_region_code(std::string_view regionName) {
  std::string out;
  out.reserve(regionName.size());
  for (char c : regionName) out += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace models
