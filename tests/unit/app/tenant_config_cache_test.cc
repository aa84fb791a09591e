#include <memory>
#include <utility>

#include <boost/test/unit_test.hpp>

#include "app/tenant_services.h"

namespace app = fastscim::app;

namespace {
std::shared_ptr<const app::TenantConfig> config_at(long long generation) {
  auto config = std::make_shared<app::TenantConfig>();
  config->schema.settings.generation = generation;
  return config;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(tenant_config_cache_test)

BOOST_AUTO_TEST_CASE(answers_for_the_generation_asked_or_older) {
  app::TenantConfigCache cache(8);
  cache.put(1, config_at(5));
  BOOST_TEST(cache.find(1, 5) != nullptr);
  BOOST_TEST(cache.find(1, 4) != nullptr);
  // The token lookup saw a newer generation: the kept one is stale.
  BOOST_TEST(cache.find(1, 6) == nullptr);
  BOOST_TEST(cache.find(2, 0) == nullptr);
}

BOOST_AUTO_TEST_CASE(keeps_the_newest_generation) {
  app::TenantConfigCache cache(8);
  cache.put(1, config_at(7));
  cache.put(1, config_at(6));  // read by a slower thread before the change
  auto kept = cache.find(1, 0);
  BOOST_REQUIRE(kept != nullptr);
  BOOST_TEST(kept->schema.settings.generation == 7);
  cache.put(1, config_at(8));
  BOOST_TEST(cache.find(1, 8) != nullptr);
}

BOOST_AUTO_TEST_CASE(holds_at_most_its_capacity_and_evicts_the_least_recently_used) {
  app::TenantConfigCache cache(3);
  cache.put(1, config_at(1));
  cache.put(2, config_at(1));
  cache.put(3, config_at(1));
  BOOST_TEST(cache.find(1, 1) != nullptr);  // tenant 2 is now the least recently used
  cache.put(4, config_at(1));
  BOOST_TEST(cache.size() == 3U);
  BOOST_TEST(cache.find(2, 1) == nullptr);
  BOOST_TEST(cache.find(1, 1) != nullptr);
  BOOST_TEST(cache.find(3, 1) != nullptr);
  BOOST_TEST(cache.find(4, 1) != nullptr);
  for (long long t = 10; t < 1000; ++t) cache.put(t, config_at(1));
  BOOST_TEST(cache.size() == 3U);
}

BOOST_AUTO_TEST_CASE(a_config_handed_out_outlives_its_eviction) {
  app::TenantConfigCache cache(1);
  cache.put(1, config_at(3));
  auto held = cache.find(1, 3);
  cache.put(2, config_at(1));
  BOOST_TEST(cache.find(1, 3) == nullptr);
  BOOST_REQUIRE(held != nullptr);
  BOOST_TEST(held->schema.settings.generation == 3);
}

BOOST_AUTO_TEST_SUITE_END()
