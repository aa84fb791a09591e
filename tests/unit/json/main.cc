#define BOOST_TEST_MODULE test_json
#include <boost/test/unit_test.hpp>
