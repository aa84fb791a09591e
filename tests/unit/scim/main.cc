#define BOOST_TEST_MODULE test_scim
#include <boost/test/unit_test.hpp>
