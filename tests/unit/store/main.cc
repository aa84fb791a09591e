#define BOOST_TEST_MODULE test_store
#include <boost/test/unit_test.hpp>
