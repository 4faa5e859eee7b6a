// Timing defaults of spec §4 (issue 11 item 15): the Azure provisioning median, and the floor
// under AWS provisioning.
#include <doctest/doctest.h>

#include <algorithm>

#include "helpers.h"

using namespace models;
using namespace testing;

TEST_CASE("spec §4 T_az_prov: default median 1 min, never above 3 min") {
  const Settings s;
  sim::Random rng(11);
  std::vector<std::int64_t> ms;
  for (int i = 0; i < 4001; ++i) ms.push_back(s.t_az_prov.sample(rng).ms());
  std::nth_element(ms.begin(), ms.begin() + 2000, ms.end());
  CHECK(ms[2000] >= 55'000);
  CHECK(ms[2000] <= 65'000);
  CHECK(*std::max_element(ms.begin(), ms.end()) <= 180'000);
}

TEST_CASE("spec §4 T_aws_prov: an AWS endpoint takes at least t_aws_prov_min (1 min) to provision") {
  Settings s;
  s.set("t_aws_prov", "10s");
  Env env(s);
  const ProjectIx p = env.project("p", Provider::AWS, true);
  const EndpointIx e = env.ep(env.w->create_endpoint(p, Provider::AWS, "US_EAST_1"));
  env.run_for(sec(59));
  CHECK(env.status(e) == EndpointStatus::INITIATING);
  env.run_for(sec(1));
  CHECK(env.status(e) == EndpointStatus::ACTIVE);
}
