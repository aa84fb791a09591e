#define BOOST_TEST_MODULE test_util
#include <boost/test/unit_test.hpp>
