package org.nefos.image.cloudkeeper;

import java.util.function.Supplier;

import jakarta.inject.Inject;

import com.google.protobuf.Empty;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import org.nefos.image.cloudkeeper.grpc.Appliance;
import org.nefos.image.cloudkeeper.grpc.Communicator;
import org.nefos.image.cloudkeeper.grpc.ImageListIdentifier;

/**
 * {@code cloudkeeper_grpc.Communicator}, the backend the Cloudkeeper core drives (grpc-occi-cloudkeeper.md
 * A.3, A.5): each call is counted, and every failure leaves as a gRPC status whose description starts with
 * the Cloudkeeper error name. The work is in {@link ApplianceImages}.
 */
@GrpcService
public class CommunicatorService implements Communicator {

    private static final Empty EMPTY = Empty.getDefaultInstance();

    @Inject
    ApplianceImages appliances;

    @Inject
    VoMapping mapping;

    @Inject
    ServiceUser serviceUser;

    @Inject
    CloudkeeperMetrics metrics;

    /** Starts a run: the mapping is re-read (on a worker) and the service user must be accepted. */
    @Override
    public Uni<Empty> preAction(Empty request) {
        return unary("PreAction", () -> Uni.createFrom().item(() -> {
            mapping.reloadIfChanged();
            return mapping.problem();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).chain(problem -> {
            if (problem != null) {
                io.quarkus.logging.Log.warnf("cloudkeeper: %s", problem);
            }
            metrics.runStarted();
            return serviceUser.identity().replaceWithVoid();
        }));
    }

    /** Ends a run: what failed or was retired is cleaned up; a clean run updates the per-list sync time. */
    @Override
    public Uni<Empty> postAction(Empty request) {
        return unary("PostAction", () -> appliances.sweep()).invoke(metrics::runEnded);
    }

    @Override
    public Uni<Empty> addAppliance(Appliance request) {
        metrics.touched(request.getImageListIdentifier());
        return unary("AddAppliance", () -> appliances.add(request));
    }

    @Override
    public Uni<Empty> updateAppliance(Appliance request) {
        metrics.touched(request.getImageListIdentifier());
        return unary("UpdateAppliance", () -> appliances.update(request));
    }

    @Override
    public Uni<Empty> updateApplianceMetadata(Appliance request) {
        metrics.touched(request.getImageListIdentifier());
        return unary("UpdateApplianceMetadata", () -> appliances.updateMetadata(request));
    }

    @Override
    public Uni<Empty> removeAppliance(Appliance request) {
        metrics.touched(request.getImageListIdentifier());
        return unary("RemoveAppliance", () -> appliances.remove(request));
    }

    @Override
    public Uni<Empty> removeImageList(ImageListIdentifier request) {
        metrics.touched(request.getImageListIdentifier());
        return unary("RemoveImageList", () -> appliances.removeImageList(request.getImageListIdentifier()));
    }

    @Override
    public Uni<Empty> removeExpiredAppliances(Empty request) {
        return unary("RemoveExpiredAppliances", () -> appliances.removeExpired());
    }

    @Override
    public Multi<ImageListIdentifier> imageLists(Empty request) {
        return stream("ImageLists", () -> appliances.imageLists()
                .map(id -> ImageListIdentifier.newBuilder().setImageListIdentifier(id).build()));
    }

    @Override
    public Multi<Appliance> appliances(ImageListIdentifier request) {
        metrics.touched(request.getImageListIdentifier());
        return stream("Appliances", () -> appliances.appliances(request.getImageListIdentifier()));
    }

    /** Runs {@code call} (exceptions it throws included), counting it and mapping its failure to a status. */
    private Uni<Empty> unary(String rpc, Supplier<Uni<Void>> call) {
        return Uni.createFrom().<Void>deferred(call::get)
                .onItem().invoke(() -> metrics.call(rpc, true))
                .onFailure().invoke(() -> metrics.call(rpc, false))
                .onFailure().transform(CloudkeeperErrors::toStatus)
                .replaceWith(EMPTY);
    }

    private <T> Multi<T> stream(String rpc, Supplier<Multi<T>> call) {
        return Multi.createFrom().<T>deferred(call::get)
                .onCompletion().invoke(() -> metrics.call(rpc, true))
                .onFailure().invoke(() -> metrics.call(rpc, false))
                .onFailure().transform(CloudkeeperErrors::toStatus);
    }
}
