#define BOOST_TEST_MODULE test_webhook
#include <boost/test/unit_test.hpp>
