package org.nefos.events;

import java.util.List;
import java.util.Optional;

import org.nefos.events.compute.ServerCommand;
import org.nefos.events.compute.ServerCreateStarted;
import org.nefos.events.compute.ServerJobReport;
import org.nefos.events.compute.ServerStatusChanged;
import org.nefos.events.compute.SnapshotChanged;
import org.nefos.events.compute.VolumeChanged;
import org.nefos.events.compute.VolumeCommand;
import org.nefos.events.compute.VolumeJobReport;
import org.nefos.events.identity.BaseQuotaUpdated;
import org.nefos.events.identity.CommissionIssued;
import org.nefos.events.identity.CommissionResolved;
import org.nefos.events.identity.MembershipUpdated;
import org.nefos.events.identity.ProjectCreated;
import org.nefos.events.identity.ProjectUpdated;
import org.nefos.events.identity.UserCreated;
import org.nefos.events.identity.UserUpdated;
import org.nefos.events.image.ImageChanged;
import org.nefos.events.network.PortChanged;
import org.nefos.events.storage.ObjectChanged;
import org.nefos.events.storage.ObjectDeleted;
import org.nefos.events.storage.ObjectPublished;
import org.nefos.events.storage.ObjectShared;

/** Every event type Nefos publishes. docs/events.md describes the same list for outside consumers. */
public final class EventCatalog {

    public static final EventType<UserCreated> USER_CREATED =
            new EventType<>("org.nefos.identity.user.created.v1", Topics.IDENTITY_USER_EVENTS, UserCreated.class);
    public static final EventType<UserUpdated> USER_UPDATED =
            new EventType<>("org.nefos.identity.user.updated.v1", Topics.IDENTITY_USER_EVENTS, UserUpdated.class);
    public static final EventType<BaseQuotaUpdated> BASE_QUOTA_UPDATED =
            new EventType<>("org.nefos.identity.quota.updated.v1", Topics.IDENTITY_USER_EVENTS, BaseQuotaUpdated.class);
    public static final EventType<CommissionIssued> COMMISSION_ISSUED =
            new EventType<>("org.nefos.identity.commission.issued.v1", Topics.IDENTITY_COMMISSION_EVENTS,
                    CommissionIssued.class);
    public static final EventType<CommissionResolved> COMMISSION_ACCEPTED =
            new EventType<>("org.nefos.identity.commission.accepted.v1", Topics.IDENTITY_COMMISSION_EVENTS,
                    CommissionResolved.class);
    public static final EventType<CommissionResolved> COMMISSION_REJECTED =
            new EventType<>("org.nefos.identity.commission.rejected.v1", Topics.IDENTITY_COMMISSION_EVENTS,
                    CommissionResolved.class);

    public static final EventType<ProjectCreated> PROJECT_CREATED =
            new EventType<>("org.nefos.identity.project.created.v1", Topics.IDENTITY_PROJECT_EVENTS, ProjectCreated.class);
    public static final EventType<ProjectUpdated> PROJECT_UPDATED =
            new EventType<>("org.nefos.identity.project.updated.v1", Topics.IDENTITY_PROJECT_EVENTS, ProjectUpdated.class);
    public static final EventType<MembershipUpdated> MEMBERSHIP_UPDATED =
            new EventType<>("org.nefos.identity.membership.updated.v1", Topics.IDENTITY_PROJECT_EVENTS,
                    MembershipUpdated.class);

    public static final EventType<ServerCreateStarted> SERVER_CREATE_STARTED =
            new EventType<>("org.nefos.compute.server.create.started.v1", Topics.COMPUTE_SERVER_EVENTS,
                    ServerCreateStarted.class);
    public static final EventType<ServerStatusChanged> SERVER_CREATE_COMPLETED =
            new EventType<>("org.nefos.compute.server.create.completed.v1", Topics.COMPUTE_SERVER_EVENTS,
                    ServerStatusChanged.class);
    public static final EventType<ServerStatusChanged> SERVER_CREATE_FAILED =
            new EventType<>("org.nefos.compute.server.create.failed.v1", Topics.COMPUTE_SERVER_EVENTS,
                    ServerStatusChanged.class);
    public static final EventType<ServerStatusChanged> SERVER_UPDATED =
            new EventType<>("org.nefos.compute.server.updated.v1", Topics.COMPUTE_SERVER_EVENTS,
                    ServerStatusChanged.class);
    public static final EventType<ServerStatusChanged> SERVER_DELETED =
            new EventType<>("org.nefos.compute.server.deleted.v1", Topics.COMPUTE_SERVER_EVENTS,
                    ServerStatusChanged.class);
    public static final EventType<ServerJobReport> SERVER_JOB_PROGRESS =
            new EventType<>("org.nefos.compute.server.job.progress.v1", Topics.COMPUTE_SERVER_EVENTS,
                    ServerJobReport.class);
    public static final EventType<ServerJobReport> SERVER_JOB_COMPLETED =
            new EventType<>("org.nefos.compute.server.job.completed.v1", Topics.COMPUTE_SERVER_EVENTS,
                    ServerJobReport.class);
    public static final EventType<ServerJobReport> SERVER_JOB_FAILED =
            new EventType<>("org.nefos.compute.server.job.failed.v1", Topics.COMPUTE_SERVER_EVENTS,
                    ServerJobReport.class);
    public static final EventType<ServerCommand> SERVER_BUILD =
            new EventType<>("org.nefos.compute.server.build.v1", Topics.COMPUTE_SERVER_COMMANDS, ServerCommand.class);
    public static final EventType<ServerCommand> SERVER_START =
            new EventType<>("org.nefos.compute.server.start.v1", Topics.COMPUTE_SERVER_COMMANDS, ServerCommand.class);
    public static final EventType<ServerCommand> SERVER_SHUTDOWN =
            new EventType<>("org.nefos.compute.server.shutdown.v1", Topics.COMPUTE_SERVER_COMMANDS,
                    ServerCommand.class);
    public static final EventType<ServerCommand> SERVER_REBOOT =
            new EventType<>("org.nefos.compute.server.reboot.v1", Topics.COMPUTE_SERVER_COMMANDS, ServerCommand.class);
    public static final EventType<ServerCommand> SERVER_RESIZE =
            new EventType<>("org.nefos.compute.server.resize.v1", Topics.COMPUTE_SERVER_COMMANDS, ServerCommand.class);
    public static final EventType<ServerCommand> SERVER_DESTROY =
            new EventType<>("org.nefos.compute.server.destroy.v1", Topics.COMPUTE_SERVER_COMMANDS,
                    ServerCommand.class);

    public static final EventType<PortChanged> PORT_CREATED =
            new EventType<>("org.nefos.network.port.created.v1", Topics.NETWORK_PORT_EVENTS, PortChanged.class);
    public static final EventType<PortChanged> PORT_UPDATED =
            new EventType<>("org.nefos.network.port.updated.v1", Topics.NETWORK_PORT_EVENTS, PortChanged.class);
    public static final EventType<PortChanged> PORT_DELETED =
            new EventType<>("org.nefos.network.port.deleted.v1", Topics.NETWORK_PORT_EVENTS, PortChanged.class);

    public static final EventType<ObjectChanged> OBJECT_CREATED =
            new EventType<>("org.nefos.storage.object.created.v1", Topics.STORAGE_OBJECT_EVENTS, ObjectChanged.class);
    public static final EventType<ObjectChanged> OBJECT_UPDATED =
            new EventType<>("org.nefos.storage.object.updated.v1", Topics.STORAGE_OBJECT_EVENTS, ObjectChanged.class);
    public static final EventType<ObjectDeleted> OBJECT_DELETED =
            new EventType<>("org.nefos.storage.object.deleted.v1", Topics.STORAGE_OBJECT_EVENTS, ObjectDeleted.class);
    public static final EventType<ObjectPublished> OBJECT_PUBLISHED =
            new EventType<>("org.nefos.storage.object.published.v1", Topics.STORAGE_OBJECT_EVENTS,
                    ObjectPublished.class);
    public static final EventType<ObjectShared> OBJECT_SHARED =
            new EventType<>("org.nefos.storage.object.shared.v1", Topics.STORAGE_OBJECT_EVENTS, ObjectShared.class);

    public static final EventType<ImageChanged> IMAGE_REGISTERED =
            new EventType<>("org.nefos.image.image.registered.v1", Topics.IMAGE_IMAGE_EVENTS, ImageChanged.class);
    public static final EventType<ImageChanged> IMAGE_UPDATED =
            new EventType<>("org.nefos.image.image.updated.v1", Topics.IMAGE_IMAGE_EVENTS, ImageChanged.class);
    public static final EventType<ImageChanged> IMAGE_UNREGISTERED =
            new EventType<>("org.nefos.image.image.unregistered.v1", Topics.IMAGE_IMAGE_EVENTS, ImageChanged.class);
    public static final EventType<ImageChanged> IMAGE_DELETED =
            new EventType<>("org.nefos.image.image.deleted.v1", Topics.IMAGE_IMAGE_EVENTS, ImageChanged.class);
    public static final EventType<VolumeCommand> VOLUME_ATTACH =
            new EventType<>("org.nefos.compute.volume.attach.v1", Topics.COMPUTE_SERVER_COMMANDS, VolumeCommand.class);
    public static final EventType<VolumeCommand> VOLUME_DETACH =
            new EventType<>("org.nefos.compute.volume.detach.v1", Topics.COMPUTE_SERVER_COMMANDS, VolumeCommand.class);
    public static final EventType<VolumeCommand> VOLUME_DESTROY =
            new EventType<>("org.nefos.compute.volume.destroy.v1", Topics.COMPUTE_SERVER_COMMANDS,
                    VolumeCommand.class);
    public static final EventType<VolumeCommand> VOLUME_SNAPSHOT =
            new EventType<>("org.nefos.compute.volume.snapshot.v1", Topics.COMPUTE_SERVER_COMMANDS,
                    VolumeCommand.class);
    public static final EventType<VolumeJobReport> VOLUME_JOB_COMPLETED =
            new EventType<>("org.nefos.compute.volume.job.completed.v1", Topics.COMPUTE_VOLUME_EVENTS,
                    VolumeJobReport.class);
    public static final EventType<VolumeJobReport> VOLUME_JOB_FAILED =
            new EventType<>("org.nefos.compute.volume.job.failed.v1", Topics.COMPUTE_VOLUME_EVENTS,
                    VolumeJobReport.class);
    public static final EventType<VolumeChanged> VOLUME_CREATED =
            new EventType<>("org.nefos.compute.volume.created.v1", Topics.COMPUTE_VOLUME_EVENTS, VolumeChanged.class);
    public static final EventType<VolumeChanged> VOLUME_UPDATED =
            new EventType<>("org.nefos.compute.volume.updated.v1", Topics.COMPUTE_VOLUME_EVENTS, VolumeChanged.class);
    public static final EventType<VolumeChanged> VOLUME_DELETED =
            new EventType<>("org.nefos.compute.volume.deleted.v1", Topics.COMPUTE_VOLUME_EVENTS, VolumeChanged.class);
    public static final EventType<SnapshotChanged> SNAPSHOT_CREATED =
            new EventType<>("org.nefos.compute.snapshot.created.v1", Topics.COMPUTE_SNAPSHOT_EVENTS,
                    SnapshotChanged.class);
    public static final EventType<SnapshotChanged> SNAPSHOT_UPDATED =
            new EventType<>("org.nefos.compute.snapshot.updated.v1", Topics.COMPUTE_SNAPSHOT_EVENTS,
                    SnapshotChanged.class);
    public static final EventType<SnapshotChanged> SNAPSHOT_DELETED =
            new EventType<>("org.nefos.compute.snapshot.deleted.v1", Topics.COMPUTE_SNAPSHOT_EVENTS,
                    SnapshotChanged.class);

    public static final List<EventType<?>> ALL = List.of(
            USER_CREATED, USER_UPDATED, BASE_QUOTA_UPDATED, COMMISSION_ISSUED, COMMISSION_ACCEPTED,
            COMMISSION_REJECTED, PROJECT_CREATED, PROJECT_UPDATED, MEMBERSHIP_UPDATED,
            SERVER_CREATE_STARTED, SERVER_CREATE_COMPLETED, SERVER_CREATE_FAILED, SERVER_UPDATED, SERVER_DELETED,
            SERVER_JOB_PROGRESS, SERVER_JOB_COMPLETED, SERVER_JOB_FAILED, SERVER_BUILD, SERVER_START,
            SERVER_SHUTDOWN, SERVER_REBOOT, SERVER_RESIZE, SERVER_DESTROY,
            PORT_CREATED, PORT_UPDATED, PORT_DELETED,
            OBJECT_CREATED, OBJECT_UPDATED, OBJECT_DELETED, OBJECT_PUBLISHED, OBJECT_SHARED,
            IMAGE_REGISTERED, IMAGE_UPDATED, IMAGE_UNREGISTERED, IMAGE_DELETED,
            VOLUME_ATTACH, VOLUME_DETACH, VOLUME_DESTROY, VOLUME_SNAPSHOT, VOLUME_JOB_COMPLETED, VOLUME_JOB_FAILED,
            VOLUME_CREATED, VOLUME_UPDATED, VOLUME_DELETED, SNAPSHOT_CREATED, SNAPSHOT_UPDATED, SNAPSHOT_DELETED);

    private EventCatalog() {
    }

    public static Optional<EventType<?>> byType(String type) {
        return ALL.stream().filter(t -> t.type().equals(type)).findFirst();
    }
}
