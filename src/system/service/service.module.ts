import { Module } from '@nestjs/common';
import { resourceController } from '../resource/resource.controller';
import { ServiceDefinitionHolder } from './service.definition';

@Module({
  controllers: [resourceController('service', ServiceDefinitionHolder, 'Service')],
  providers: [ServiceDefinitionHolder],
})
export class ServiceModule {}
