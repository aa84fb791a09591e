#define BOOST_TEST_MODULE test_auth
#include <boost/test/unit_test.hpp>
