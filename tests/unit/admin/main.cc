#define BOOST_TEST_MODULE test_admin
#include <boost/test/unit_test.hpp>
