package org.nefos.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.nefos.identity.IdentityTestSupport.TestUser;
import org.nefos.testing.KafkaResource;
import org.nefos.testing.PostgresResource;

/** Commissions racing for the same holdings: the limit is never exceeded, whatever the interleaving. */
@QuarkusTest
@WithTestResource(value = PostgresResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = KafkaResource.class, scope = TestResourceScope.GLOBAL)
class CommissionConcurrencyTest {

    @Test
    void twoCommissionsRacingForTheLastUnitNeverBothSucceed() throws Exception {
        for (int round = 0; round < 10; round++) {
            TestUser user = IdentityTestSupport.newUser();
            IdentityTestSupport.setBaseQuota(user, "cyclades.vm", 1);
            List<Integer> statuses = race(2, () -> CommissionResourceTest.issue(user, "cyclades.vm", 1, false, false)
                    .statusCode());
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "round " + round + ": " + statuses);
            assertEquals(1, statuses.stream().filter(s -> s == 413).count(), "round " + round + ": " + statuses);
            assertEquals(1, CommissionResourceTest.quota(user, "cyclades.vm").usage());
        }
    }

    @Test
    void manyParallelCommissionsFillTheQuotaExactly() throws Exception {
        TestUser user = IdentityTestSupport.newUser();
        IdentityTestSupport.setBaseQuota(user, "cyclades.cpu", 10);
        List<Integer> statuses = race(24, () -> CommissionResourceTest.issue(user, "cyclades.cpu", 1, false, true)
                .statusCode());
        assertEquals(10, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(14, statuses.stream().filter(s -> s == 413).count(), statuses.toString());
        CommissionResourceTest.Numbers n = CommissionResourceTest.quota(user, "cyclades.cpu");
        assertEquals(10, n.usage());
        assertEquals(0, n.pending());
        assertEquals(10, n.projectUsage());
    }

    @Test
    void parallelAcceptsAndRejectsKeepTheCountersConsistent() throws Exception {
        TestUser user = IdentityTestSupport.newUser();
        List<Long> serials = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            serials.add(CommissionResourceTest.serial(CommissionResourceTest.issue(user, "cyclades.ram", 1024, false, false)));
        }
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < serials.size(); i++) {
            long serial = serials.get(i);
            String action = i % 2 == 0 ? "accept" : "reject";
            work.add(() -> given().header("X-Auth-Token", IdentityTestSupport.CYCLADES).contentType(ContentType.JSON)
                    .body(Map.of(action, "")).post("/account/v1.0/commissions/" + serial + "/action").statusCode());
        }
        List<Integer> statuses = run(work);
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), statuses);
        CommissionResourceTest.Numbers n = CommissionResourceTest.quota(user, "cyclades.ram");
        assertEquals(4 * 1024, n.usage());
        assertEquals(0, n.pending());
        assertEquals(4 * 1024, n.projectUsage());
    }

    private static List<Integer> race(int n, Callable<Integer> call) throws Exception {
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            work.add(call);
        }
        return run(work);
    }

    private static List<Integer> run(List<Callable<Integer>> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> w : work) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return w.call();
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
