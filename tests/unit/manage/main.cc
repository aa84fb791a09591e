#define BOOST_TEST_MODULE test_manage
#include <boost/test/unit_test.hpp>
