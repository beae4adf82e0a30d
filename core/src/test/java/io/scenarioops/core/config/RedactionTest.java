package io.scenarioops.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/scenarioops | jdbc:postgresql://db:5432/scenarioops",
        "jdbc:postgresql://db:5432/runs?user=ops&password=s3cret | jdbc:postgresql://db:5432/runs?user=ops&password=***",
        "jdbc:postgresql://db/runs?password=s3cret&ssl=true | jdbc:postgresql://db/runs?password=***&ssl=true",
        "jdbc:postgresql://db/runs?sslpassword=k3y&PASSWORD=x#frag | jdbc:postgresql://db/runs?sslpassword=***&PASSWORD=***#frag",
        "jdbc:sqlserver://db;user=ops;password=s3cret;encrypt=true | jdbc:sqlserver://db;user=ops;password=***;encrypt=true",
        "https://minio:9000/?X-Amz-Security-Token=abc&client_secret=def | https://minio:9000/?X-Amz-Security-Token=***&client_secret=***",
        "http://ops:s3cret@minio:9000/bucket | http://***@minio:9000/bucket",
        "jdbc:postgresql://ops:s3cret@db/runs?password=x | jdbc:postgresql://***@db/runs?password=***",
        "http://minio:9000/path@version | http://***@version",
        "jdbc:postgresql://ops:p/ss?w@127.0.0.1:1/runs | jdbc:postgresql://***@127.0.0.1:1/runs",
        "jdbc:postgresql://ops:p@ss@db/runs | jdbc:postgresql://***@db/runs",
        "http://ops:@@@minio:9000/bucket | http://***@minio:9000/bucket",
        "see http://ops:p@ss@minio:9000 and mail ops@example.com | see http://***@minio:9000 and mail ops@example.com",
        "jdbc:postgresql://db/runs?password= | jdbc:postgresql://db/runs?password=***",
        "127.0.0.1:9092 | 127.0.0.1:9092",
    })
    void credentialsAreMaskedAndTheRestIsKept(String url, String shown) {
        assertEquals(shown, Redaction.url(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        u:pw@127.0.0.1                                 | jdbc:postgresql://u:pw@127.0.0.1/x        | ***@127.0.0.1
        Unable to parse URL ops:p/ss@127.0.0.1:1/runs  | jdbc:postgresql://ops:p/ss@127.0.0.1:1/runs | Unable to parse URL ***@127.0.0.1:1/runs
        see jdbc:postgresql://u:pw@db/x                | jdbc:postgresql://db/x                    | see jdbc:postgresql://***@db/x
        UnknownHostException: ops:p@ss@db              | jdbc:postgresql://ops:p@ss@db/x           | UnknownHostException: ***@db
        see db/x?password=s3cret&ssl=true              | jdbc:postgresql://db/x?password=s3cret    | see db/x?password=***&ssl=true
        Connection to 127.0.0.1:1 refused              | jdbc:postgresql://db:1/x?password=1       | Connection to 127.0.0.1:1 refused
        role postgres does not exist                   | jdbc:postgresql://postgres@db/x           | role postgres does not exist
        """)
    void aMessageQuotingPartOfTheUrlHasItsCredentialsMasked(String message, String url, String shown) {
        assertEquals(shown, Redaction.within(message, url));
    }

    @Test
    void nullStaysNull() {
        assertNull(Redaction.url(null));
    }

    @ParameterizedTest
    @CsvSource({
        "sasl.jaas.config, true",
        "ssl.key.password, true",
        "ssl.keystore.key, true",
        "sasl.oauthbearer.client.credentials.client.secret, true",
        "basic.auth.user.info, true",
        "security.protocol, false",
        "key.serializer, false",
        "ssl.truststore.location, false",
    })
    void secretClientSettingsAreRecognisedByName(String name, boolean secret) {
        assertEquals(secret, Redaction.isSecretSetting(name));
    }
}
