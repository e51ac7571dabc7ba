package io.genjin.app.task;

import io.genjin.store.CrmStore;
import io.genjin.store.task.CommentOnTask;
import io.genjin.store.task.CompleteTask;
import io.genjin.store.task.ReassignTask;
import io.genjin.store.task.SnoozeTask;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The store's task activities, one bean each, for the API and the pages alike. */
@Configuration(proxyBeanMethods = false)
class TaskUseCases {

    @Bean
    CompleteTask completeTask(CrmStore store) {
        return new CompleteTask(store);
    }

    @Bean
    SnoozeTask snoozeTask(CrmStore store) {
        return new SnoozeTask(store);
    }

    @Bean
    ReassignTask reassignTask(CrmStore store) {
        return new ReassignTask(store);
    }

    @Bean
    CommentOnTask commentOnTask(CrmStore store) {
        return new CommentOnTask(store);
    }
}
