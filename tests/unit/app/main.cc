#define BOOST_TEST_MODULE test_app
#include <boost/test/unit_test.hpp>
