/* Generated from services/profiles-api/openapi.json by `npm run openapi:export`. Do not edit. */
export interface paths {
    "/api/workgroup/add-contributor/{namespace}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a user (email) or group as contributor (kubeflow-edit); answers the contributors */
        post: operations["workgroupAddContributor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workgroup/create": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a profile for the caller (self-registration)
         * @description namespace defaults to the part of the email before @ made a DNS label. A `user` other than the caller is refused unless the caller is a cluster admin (upstream trusted it).
         */
        post: operations["workgroupCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workgroup/env-info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's namespaces and roles, cluster-admin flag and platform */
        get: operations["workgroupEnvInfo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workgroup/exists": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the caller has a workgroup (owns a profile) and may register one */
        get: operations["workgroupExists"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workgroup/get-all-namespaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every profile the caller can see as [namespace, owner, contributors] */
        get: operations["workgroupAllNamespaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workgroup/get-contributors/{namespace}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Contributors (role edit) of a namespace the caller can see */
        get: operations["workgroupContributors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workgroup/remove-contributor/{namespace}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a contributor (role edit); answers the remaining contributors */
        delete: operations["workgroupRemoveContributor"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz/liveness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["getLiveness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz/readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the API server is reachable and every watch cache has synced */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kfam/v1/bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List contributor bindings, filtered by user, groups, namespace and role
         * @description Bindings are RoleBindings annotated `user` and `role` in profile namespaces (ours and upstream-named ones), read from a watch cache. Only namespaces the caller owns or is bound in are shown, unless the caller is a cluster admin; a namespace the caller cannot see answers an empty list. With `user` and/or `groups`, only bindings of that User or those Groups.
         */
        get: operations["readBindings"];
        put?: never;
        /**
         * Add a contributor: a RoleBinding to kubeflow-admin/-edit/-view plus its Istio AuthorizationPolicy
         * @description Allowed to the profile's owner, cluster admins, and callers Kubernetes lets create RoleBindings in the namespace (who must also hold kubeflow-admin there or may `bind` the ClusterRole). The AuthorizationPolicy is only written where the cluster serves Istio's API. 409 when the subject already has that role. Answers 200 like upstream.
         */
        post: operations["createBinding"];
        /**
         * Remove a contributor (the RoleBinding and its AuthorizationPolicy)
         * @description Same permission as adding. Removes every binding of that subject and role, whatever its name (ours or upstream's). The owner's namespaceAdmin binding is the profile controller's: 409.
         */
        delete: operations["deleteBinding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kfam/v1/profiles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the profiles the caller owns or contributes to (all for cluster admins)
         * @description Additive (not in upstream KFAM). Each profile with its owner, contributors and resourceQuotaSpec, from the watch caches.
         */
        get: operations["listProfiles"];
        put?: never;
        /**
         * Create a profile (the profile controller then makes its namespace)
         * @description Without spec.owner the caller owns it. Non-admins may only create a profile owned by themselves, without spec.plugins (they make the profile controller grant cloud identities), only while SELF_REGISTRATION is on, and never for a namespace that already exists. resourceQuotaSpec is kept (upstream dropped it). Cluster admins may create any profile. Answers 200 like upstream.
         */
        post: operations["createProfile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kfam/v1/profiles/{profile}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a profile (owner or cluster admin); its namespace goes with it
         * @description A caller who may not delete it gets 403 (upstream answered 401). A profile the caller cannot see is a 403 too, so names are not revealed; cluster admins get 404 for a missing one.
         */
        delete: operations["deleteProfile"];
        options?: never;
        head?: never;
        /**
         * Replace a profile's resourceQuotaSpec (owner or cluster admin)
         * @description Additive. `{}` removes the quota. With `resourceVersion`, a change based on an older version is a 409. The profile controller applies the quota to the namespace.
         */
        patch: operations["updateProfileQuota"];
        trace?: never;
    };
    "/kfam/v1/role/clusteradmin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether a user is a cluster admin (bare true/false, as upstream)
         * @description A cluster admin is someone Kubernetes allows every verb on every resource cluster-wide (a SubjectAccessReview), or a name in CLUSTER_ADMINS. Callers may ask about themselves (with their groups); only cluster admins may ask about someone else (checked without groups, which are unknown for others).
         */
        get: operations["queryClusterAdmin"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Every error, in the Kubeflow web apps' envelope. */
        ErrorEnvelope: {
            /** @description Stable machine-readable error code. */
            code: string;
            details?: components["schemas"]["FieldError"][];
            /** @description A message a person can act on. */
            log: string;
            requestId: string;
            /** @description The HTTP status code, repeated for the SPAs. */
            status: number;
            /** @enum {boolean} */
            success: false;
            user: string | null;
        };
        FieldError: {
            /** @description Where the problem is, e.g. /body/cpu */
            field: string;
            message: string;
        };
        Health: {
            checks?: {
                /** @description The Kubernetes API server answered /readyz */
                apiServer: boolean;
                caches: {
                    [key: string]: {
                        live: boolean;
                        objects: number;
                        synced: boolean;
                    };
                };
            };
            status: "ok" | "unavailable";
        };
        /** @description A binding as KFAM lists it; `user` and `subject` are the same (older and newer clients). */
        KfamBinding: {
            /** @description Name of the RoleBinding (and AuthorizationPolicy) */
            name: string;
            referredNamespace: string;
            RoleRef: {
                /** @enum {string} */
                kind: "ClusterRole";
                /** @description admin, edit or view: ClusterRole kubeflow-admin, kubeflow-edit or kubeflow-view */
                name: "admin" | "edit" | "view";
            };
            subject: components["schemas"]["KfamSubject"];
            user: components["schemas"]["KfamSubject"];
        };
        KfamRoleRef: {
            /** @description Ignored */
            apiGroup?: string;
            /** @enum {string} */
            kind?: "ClusterRole";
            /** @description admin, edit or view: ClusterRole kubeflow-admin, kubeflow-edit or kubeflow-view */
            name: "admin" | "edit" | "view";
        };
        /** @description Like io.k8s.api.rbac.v1.Subject */
        KfamSubject: {
            /** @description Ignored (always rbac.authorization.k8s.io) */
            apiGroup?: string;
            /** @description RBAC subject kind */
            kind: "User" | "Group";
            /** @description User (usually an email) or group name */
            name: string;
            /** @description Ignored (Users and Groups have none) */
            namespace?: string;
        };
        ProfileSummary: {
            /** @description KFAM bindings of the namespace other than the owner binding */
            contributors: {
                /** @description RoleBinding name */
                binding: string;
                /** @description RBAC subject kind */
                kind: "User" | "Group";
                name: string;
                /** @description admin, edit or view: ClusterRole kubeflow-admin, kubeflow-edit or kubeflow-view */
                role: "admin" | "edit" | "view";
            }[];
            creationTimestamp: string | null;
            name: string;
            owner: {
                kind: string;
                name: string;
            } | null;
            resourceQuotaSpec: {
                [key: string]: unknown;
            } | null;
            resourceVersion: string;
        };
        ResourceQuotaSpec: {
            /** @description Resource name to non-negative quantity, as in a ResourceQuota ("cpu": "8", "requests.memory": "16Gi", "requests.nvidia.com/gpu": "1") */
            hard?: {
                [key: string]: string;
            };
            /** @description Each one of Terminating, NotTerminating, BestEffort, NotBestEffort, PriorityClass, CrossNamespacePodAffinity */
            scopes?: string[];
            scopeSelector?: {
                [key: string]: unknown;
            };
        };
        /** @description Errors of the workgroup routes, in the central dashboard's shape */
        WorkgroupError: {
            /** @description Stable machine-readable error code */
            code: string;
            details?: components["schemas"]["FieldError"][];
            /** @description A message a person can act on */
            error: string;
            requestId: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    workgroupAddContributor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Email of a user, or a group name */
                    contributor: string;
                    /** @default user */
                    cType?: "user" | "group";
                };
            };
        };
        responses: {
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kind: string;
                        name: string;
                    }[];
                };
            };
        };
    };
    workgroupCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Namespace (DNS-1123 label) */
                    namespace?: string;
                    /** @description Owner; only cluster admins may name someone other than themselves */
                    user?: string;
                };
            };
        };
        responses: {
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                    };
                };
            };
        };
    };
    workgroupEnvInfo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        isClusterAdmin: boolean;
                        namespaces: {
                            /** @description User or Group */
                            kind?: string;
                            namespace: string;
                            role: "owner" | "contributor" | "viewer";
                            /** @description The user or group the access comes through */
                            subject: string;
                        }[];
                        platform: {
                            kubeflowVersion: string;
                            logoutUrl: string;
                            provider: string;
                            providerName: string;
                        };
                        user: string;
                    };
                };
            };
        };
    };
    workgroupExists: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        hasAuth: boolean;
                        /** @description The caller owns a profile */
                        hasWorkgroup: boolean;
                        /** @description SELF_REGISTRATION */
                        registrationFlowAllowed: boolean;
                        /** @description The user name (the part of the email before @), as the dashboard reports it */
                        user: string;
                    };
                };
            };
        };
    };
    workgroupAllNamespaces: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": (string | null)[][];
                };
            };
        };
    };
    workgroupContributors: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kind: string;
                        name: string;
                    }[];
                };
            };
        };
    };
    workgroupRemoveContributor: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                namespace: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Email of a user, or a group name */
                    contributor: string;
                    /** @default user */
                    cType?: "user" | "group";
                };
            };
        };
        responses: {
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Errors of the workgroup routes, in the central dashboard's shape */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WorkgroupError"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        kind: string;
                        name: string;
                    }[];
                };
            };
        };
    };
    getLiveness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    readBindings: {
        parameters: {
            query?: {
                /** @description JSON list (or comma-separated) of group names: bindings of these groups as well as of `user` */
                groups?: string;
                /** @description Namespace (DNS-1123 label) */
                namespace?: string;
                /** @description admin, edit or view: ClusterRole kubeflow-admin, kubeflow-edit or kubeflow-view */
                role?: "admin" | "edit" | "view";
                /** @description Only bindings of this subject name */
                user?: string;
            };
            header?: {
                /** @description The ETag of an earlier answer: a 304 without a body while it is still current. */
                "if-none-match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bindings: components["schemas"]["KfamBinding"][];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
            /** @description Not Modified: nothing changed since the ETag sent in If-None-Match. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    createBinding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A binding: `user` or `subject`, and `RoleRef` (or `roleRef`), are required. */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Namespace (DNS-1123 label) */
                    referredNamespace: string;
                    roleRef?: components["schemas"]["KfamRoleRef"];
                    RoleRef?: components["schemas"]["KfamRoleRef"];
                    /** @description Ignored */
                    status?: string;
                    subject?: components["schemas"]["KfamSubject"];
                    user?: components["schemas"]["KfamSubject"];
                };
            };
        };
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        binding: components["schemas"]["KfamBinding"];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    deleteBinding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A binding: `user` or `subject`, and `RoleRef` (or `roleRef`), are required. */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Namespace (DNS-1123 label) */
                    referredNamespace: string;
                    roleRef?: components["schemas"]["KfamRoleRef"];
                    RoleRef?: components["schemas"]["KfamRoleRef"];
                    /** @description Ignored */
                    status?: string;
                    subject?: components["schemas"]["KfamSubject"];
                    user?: components["schemas"]["KfamSubject"];
                };
            };
        };
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        bindings: components["schemas"]["KfamBinding"][];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    listProfiles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        profiles: components["schemas"]["ProfileSummary"][];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    createProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A Profile. Without spec.owner the caller owns it. */
        requestBody: {
            content: {
                "application/json": {
                    apiVersion?: string;
                    /** @enum {string} */
                    kind?: "Profile";
                    metadata: {
                        annotations?: {
                            [key: string]: string;
                        };
                        labels?: {
                            [key: string]: string;
                        };
                        /** @description Profile (and namespace) name */
                        name: string;
                        /** @description Ignored (profiles are cluster-scoped) */
                        namespace?: string;
                    };
                    spec?: {
                        owner?: {
                            apiGroup?: string;
                            /** @description RBAC subject kind */
                            kind: "User" | "Group";
                            /** @description User (usually an email) or group name */
                            name: string;
                            namespace?: string;
                        };
                        plugins?: {
                            [key: string]: unknown;
                        }[];
                        resourceQuotaSpec?: components["schemas"]["ResourceQuotaSpec"];
                    };
                };
            };
        };
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description A raw Kubernetes object */
                        profile: {
                            apiVersion?: string;
                            kind?: string;
                            metadata?: {
                                [key: string]: unknown;
                            };
                        } & {
                            [key: string]: unknown;
                        };
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    deleteProfile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                profile: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        message: string;
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    updateProfileQuota: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Namespace (DNS-1123 label) */
                profile: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    resourceQuotaSpec: components["schemas"]["ResourceQuotaSpec"];
                    /** @description Refuse (409) when the profile changed since this version */
                    resourceVersion?: string;
                };
            };
        };
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        profile: components["schemas"]["ProfileSummary"];
                        status: number;
                        /** @enum {boolean} */
                        success: true;
                        user: string | null;
                    };
                };
            };
        };
    };
    queryClusterAdmin: {
        parameters: {
            query?: {
                /** @description Who to ask about (default: the caller; others only for cluster admins) */
                user?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "4XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Every error, in the Kubeflow web apps' envelope. */
            "5XX": {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorEnvelope"];
                };
            };
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": boolean;
                };
            };
        };
    };
}
