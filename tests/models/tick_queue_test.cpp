// TickQueue (models/tick_queue.h), the fast-forward's due ticks: against std::set, the ordered
// set it replaced, under random sets, moves and drops of projects' due ticks.
#include <doctest/doctest.h>

#include <optional>
#include <set>
#include <vector>

#include "models/tick_queue.h"
#include "sim/random.h"

using namespace models;

TEST_CASE("TickQueue: the earliest (time, rank) first, as an ordered set of the same ticks") {
  sim::Random rng(7);
  TickQueue q;
  std::set<TickDue> ref;
  std::vector<std::optional<TickDue>> due(200);  // per project: its entry, if queued
  for (int step = 0; step < 20000; ++step) {
    const auto p = static_cast<ProjectIx>(rng.uniform_int(0, 199));
    const int op = static_cast<int>(rng.uniform_int(0, 9));
    if (op < 6) {  // set or move p's tick; few distinct times, so same-instant ranks decide
      const TickDue d{sim::Time::from_ms(rng.uniform_int(0, 20) * 900'000), {rng.uniform_int(-3, 0), p}};
      if (due[p]) ref.erase(*due[p]);
      ref.insert(d);
      due[p] = d;
      q.set(d);
    } else if (op < 8) {  // drop p's tick (none queued: nothing happens)
      if (due[p]) ref.erase(*due[p]);
      due[p].reset();
      q.erase(p);
    } else if (!ref.empty()) {  // run the earliest
      REQUIRE_FALSE(q.empty());
      const TickDue top = q.top();
      CHECK(top == *ref.begin());
      ref.erase(ref.begin());
      due[top.rank.second].reset();
      q.erase(top.rank.second);
    }
    REQUIRE(q.empty() == ref.empty());
    if (!ref.empty()) REQUIRE(q.top() == *ref.begin());
  }
}
