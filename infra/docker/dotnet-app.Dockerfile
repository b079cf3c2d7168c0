# Builds one MedVid process (Silo, Portal or GpuHost) from the repository root:
#   docker build -f infra/docker/dotnet-app.Dockerfile --build-arg APP=Silo .
# The build stage runs infra/docker/build-app.sh, which infra/docker/check-build-context.sh also runs without Docker.
# .NET 10 images are Ubuntu 24.04 (Microsoft ships no Debian ones); the packages are the Debian ones of
# infra/install/engine-deps.sh, by the same names in Ubuntu.
FROM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG APP
# Node for the portal's front-end packages; CMake and g++ for the libstdc++ check of TorchSharp's native library
# (src/Engine.LibTorchSharpCompat; a no-op on Ubuntu 24.04, whose libstdc++ is new enough).
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm cmake g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN infra/docker/build-app.sh "$APP" /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble
ARG APP
WORKDIR /app
COPY --from=build /app .
# What the build stage listed: ffmpeg, tesseract, curl, and the packages of the system libraries TorchSharp's natives
# (published beside the assemblies) link. The last check fails the build if TorchSharp would not load.
RUN apt-get update \
 && xargs -a runtime-packages.txt apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/* \
 && ! ldd runtimes/linux-x64/native/libLibTorchSharp.so | grep '=> not found'
ENV APP_DLL=MedVid.$APP.dll
ENTRYPOINT ["sh", "-c", "exec dotnet $APP_DLL"]
