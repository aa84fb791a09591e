#include "util/lru_map.h"

#include <memory>
#include <string>

#include <boost/test/unit_test.hpp>

using fastscim::util::LruMap;

BOOST_AUTO_TEST_SUITE(lru_map_test)

BOOST_AUTO_TEST_CASE(finds_what_was_put) {
  LruMap<long long, std::string> map(4);
  map.put(1, "one");
  map.put(2, "two");
  BOOST_REQUIRE(map.find(1) != nullptr);
  BOOST_TEST(*map.find(1) == "one");
  BOOST_TEST(*map.find(2) == "two");
  BOOST_TEST(map.find(3) == nullptr);
  BOOST_TEST(map.size() == 2U);
}

BOOST_AUTO_TEST_CASE(never_holds_more_than_its_capacity) {
  LruMap<long long, int> map(3);
  for (int i = 0; i < 100; ++i) map.put(i, i);
  BOOST_TEST(map.size() == 3U);
  BOOST_TEST(map.evictions() == 97U);
  // The three most recent remain.
  BOOST_TEST(map.find(97) != nullptr);
  BOOST_TEST(map.find(98) != nullptr);
  BOOST_TEST(map.find(99) != nullptr);
  BOOST_TEST(map.find(96) == nullptr);
}

BOOST_AUTO_TEST_CASE(evicts_the_least_recently_used) {
  LruMap<long long, int> map(3);
  map.put(1, 1);
  map.put(2, 2);
  map.put(3, 3);
  BOOST_REQUIRE(map.find(1) != nullptr);  // 1 is now the most recent; 2 the least
  map.put(4, 4);
  BOOST_TEST(map.find(2) == nullptr);
  BOOST_TEST(map.find(1) != nullptr);
  BOOST_TEST(map.find(3) != nullptr);
  BOOST_TEST(map.find(4) != nullptr);
}

BOOST_AUTO_TEST_CASE(a_replaced_value_counts_as_a_use_and_evicts_nothing) {
  LruMap<long long, int> map(2);
  map.put(1, 1);
  map.put(2, 2);
  map.put(1, 10);  // 2 is now the least recent
  BOOST_TEST(map.size() == 2U);
  BOOST_TEST(map.evictions() == 0U);
  map.put(3, 3);
  BOOST_TEST(map.find(2) == nullptr);
  BOOST_REQUIRE(map.find(1) != nullptr);
  BOOST_TEST(*map.find(1) == 10);
}

BOOST_AUTO_TEST_CASE(an_evicted_value_is_destroyed) {
  LruMap<long long, std::shared_ptr<int>> map(1);
  auto first = std::make_shared<int>(1);
  std::weak_ptr<int> watch = first;
  map.put(1, std::move(first));
  BOOST_TEST(!watch.expired());
  map.put(2, std::make_shared<int>(2));
  BOOST_TEST(watch.expired());
}

BOOST_AUTO_TEST_CASE(erase_and_clear_remove_entries) {
  LruMap<long long, int> map(4);
  map.put(1, 1);
  map.put(2, 2);
  BOOST_TEST(map.erase(1));
  BOOST_TEST(!map.erase(1));
  BOOST_TEST(map.find(1) == nullptr);
  map.clear();
  BOOST_TEST(map.size() == 0U);
  BOOST_TEST(map.find(2) == nullptr);
}

BOOST_AUTO_TEST_CASE(a_capacity_of_zero_keeps_one_entry) {
  LruMap<long long, int> map(0);
  map.put(1, 1);
  map.put(2, 2);
  BOOST_TEST(map.capacity() == 1U);
  BOOST_TEST(map.size() == 1U);
  BOOST_TEST(map.find(2) != nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
